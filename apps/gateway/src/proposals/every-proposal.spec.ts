import { ConflictError, PROPOSAL_LIST_MAX_PAGE_SIZE, ProposalSummaryView, UnprocessableError } from '@alur/contracts';
import { everyProposal, ProposalPageReader } from './every-proposal';

const proposal = (id: string) => ({ id }) as ProposalSummaryView;
const ids = (proposals: readonly ProposalSummaryView[]) => proposals.map((p) => p.id);

/** The service's list as a reader of pages: `list()` gives the rows as they stand when each page is read. */
function pagesOf(list: () => ProposalSummaryView[]) {
  const asked: Array<[number, number]> = [];
  const read: ProposalPageReader = (page, pageSize) => {
    asked.push([page, pageSize]);
    const rows = list();
    return Promise.resolve({ items: rows.slice((page - 1) * pageSize, page * pageSize), total: rows.length });
  };
  return { read, asked };
}

const rows = (n: number, prefix = 'p') => Array.from({ length: n }, (_, i) => proposal(`${prefix}${i}`));

describe('everyProposal', () => {
  it('reads every page at the largest page size the list allows, in the list’s order', async () => {
    const all = rows(2 * PROPOSAL_LIST_MAX_PAGE_SIZE + 1);
    const { read, asked } = pagesOf(() => all);
    expect(ids(await everyProposal(read))).toEqual(ids(all));
    expect(asked).toEqual([1, 2, 3].map((page) => [page, PROPOSAL_LIST_MAX_PAGE_SIZE]));
  });

  it('reads one page for none', async () => {
    const { read, asked } = pagesOf(() => []);
    expect(await everyProposal(read)).toEqual([]);
    expect(asked).toHaveLength(1);
  });

  it('holds exactly the limit, and refuses one more with PROPOSAL_EXPORT_TOO_LARGE from the first page, reading no further', async () => {
    expect(await everyProposal(pagesOf(() => rows(5)).read, { maxRows: 5, pageSize: 2 })).toHaveLength(5);

    const { read, asked } = pagesOf(() => rows(6));
    const refusal = await everyProposal(read, { maxRows: 5, pageSize: 2 }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(UnprocessableError);
    expect(refusal).toMatchObject({ code: 'PROPOSAL_EXPORT_TOO_LARGE' });
    expect(asked).toEqual([[1, 2]]);
  });

  it('reads again when a proposal changed between pages, so none is missed and none is there twice', async () => {
    let all = rows(5);
    let reads = 0;
    const { read } = pagesOf(() => {
      reads++;
      // While the second page is asked for the first time, the last proposal changes: it moves to the top.
      if (reads === 2) all = [all[4], ...all.slice(0, 4)];
      return all;
    });
    const proposals = await everyProposal(read, { pageSize: 2 });
    expect(ids(proposals)).toEqual(['p4', 'p0', 'p1', 'p2', 'p3']);
  });

  it('reads again when one was added between pages, and refuses with 409 when the list keeps changing', async () => {
    let added = 0;
    const { read } = pagesOf(() => [...rows(++added, 'new'), ...rows(3)]);
    await expect(everyProposal(read, { pageSize: 2 })).rejects.toBeInstanceOf(ConflictError);
  });
});
