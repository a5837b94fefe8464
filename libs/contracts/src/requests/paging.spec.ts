import { z } from 'zod';
import { pageFields, pageQuery, sliceOf } from './request-fields';

// One paging style (page/pageSize) on every list; the lists once paged by limit/offset still take those.
const Lists = z.strictObject(pageQuery({ defaultPageSize: 20, maxPageSize: 100, acceptsLimitOffset: true }));
const Pages = z.strictObject(pageQuery({ defaultPageSize: 20, maxPageSize: 100 }));

/** What the 400 would name: each refused field and zod's reason code. */
function refusals(result: { success: boolean; error?: z.ZodError }) {
  return (result.error?.issues ?? []).map((issue) => ({
    field: issue.code === 'unrecognized_keys' ? issue.keys.join() : issue.path.join('.'),
    code: issue.code,
  }));
}

describe('paging of lists', () => {
  it('reads the first page of the default size when nothing is asked', () => {
    const query = Lists.parse({});
    expect(sliceOf(query)).toEqual({ limit: 20, offset: 0 });
    expect(pageFields(sliceOf(query))).toEqual({ page: 1, pageSize: 20, limit: 20, offset: 0 });
  });

  it('reads page 3 of 10 from a query string', () => {
    expect(sliceOf(Lists.parse({ page: '3', pageSize: '10' }))).toEqual({ limit: 10, offset: 20 });
  });

  it('answers the same page to an older client asking by limit and offset', () => {
    const slice = sliceOf(Lists.parse({ limit: '10', offset: '20' }));
    expect(slice).toEqual({ limit: 10, offset: 20 });
    expect(pageFields(slice)).toEqual({ page: 3, pageSize: 10, limit: 10, offset: 20 });
  });

  it('reads what a service parses again exactly as the gateway did', () => {
    const asked = Lists.parse({ limit: '5', offset: '7' });
    expect(sliceOf(Lists.parse(asked))).toEqual(sliceOf(asked));
  });

  it('refuses a page size over the list’s maximum, naming the field, in either style', () => {
    const tooBig = Lists.safeParse({ pageSize: '101' });
    expect(refusals(tooBig)).toEqual([{ field: 'pageSize', code: 'too_big' }]);
    const legacyTooBig = Lists.safeParse({ limit: '101' });
    expect(refusals(legacyTooBig)).toEqual([{ field: 'limit', code: 'too_big' }]);
  });

  it('refuses page 0', () => {
    const zero = Pages.safeParse({ page: '0' });
    expect(refusals(zero)).toEqual([{ field: 'page', code: 'too_small' }]);
  });

  it('does not take limit and offset on lists that were always paged by page', () => {
    const legacy = Pages.safeParse({ limit: '10' });
    expect(refusals(legacy)).toEqual([{ field: 'limit', code: 'unrecognized_keys' }]);
  });
});
