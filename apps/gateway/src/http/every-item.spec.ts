import { ConflictError, RefusalCode, UnprocessableError } from '@alur/contracts';
import { everyItem, ExportOptions, PageReader } from './every-item';

interface Item {
  id: string;
}
const ids = (items: readonly Item[]) => items.map((item) => item.id);

/** The service's list as a reader of pages: `list()` gives the rows as they stand when each page is read. */
function pagesOf(list: () => Item[]) {
  const asked: Array<[number, number]> = [];
  const read: PageReader<Item> = (page, pageSize) => {
    asked.push([page, pageSize]);
    const rows = list();
    return Promise.resolve({ items: rows.slice((page - 1) * pageSize, page * pageSize), total: rows.length });
  };
  return { read, asked };
}

const rows = (n: number, prefix = 'p') => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}` }));

const options: ExportOptions = {
  maxRows: 10_000,
  pageSize: 100,
  tooLarge: RefusalCode.ProposalExportTooLarge,
  items: 'proposals',
  narrowBy: 'status',
};

describe('everyItem', () => {
  it('reads every page at the page size given, in the list’s order', async () => {
    const all = rows(201);
    const { read, asked } = pagesOf(() => all);
    expect(ids(await everyItem(read, options))).toEqual(ids(all));
    expect(asked).toEqual([1, 2, 3].map((page) => [page, 100]));
  });

  it('reads one page for none', async () => {
    const { read, asked } = pagesOf(() => []);
    expect(await everyItem(read, options)).toEqual([]);
    expect(asked).toHaveLength(1);
  });

  it('holds exactly the limit, and refuses one more with the export’s code from the first page, reading no further', async () => {
    expect(await everyItem(pagesOf(() => rows(5)).read, { ...options, maxRows: 5, pageSize: 2 })).toHaveLength(5);

    const { read, asked } = pagesOf(() => rows(6));
    const refusal = await everyItem(read, { ...options, maxRows: 5, pageSize: 2 }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(UnprocessableError);
    expect(refusal).toMatchObject({ code: 'PROPOSAL_EXPORT_TOO_LARGE' });
    expect(asked).toEqual([[1, 2]]);

    const disbursements = { ...options, maxRows: 5, pageSize: 2, tooLarge: RefusalCode.DisbursementExportTooLarge };
    await expect(everyItem(pagesOf(() => rows(6)).read, disbursements)).rejects.toMatchObject({ code: 'DISBURSEMENT_EXPORT_TOO_LARGE' });
  });

  it('reads again when an item changed between pages, so none is missed and none is there twice', async () => {
    let all = rows(5);
    let reads = 0;
    const { read } = pagesOf(() => {
      reads++;
      // While the second page is asked for the first time, the last item changes: it moves to the top.
      if (reads === 2) all = [all[4], ...all.slice(0, 4)];
      return all;
    });
    expect(ids(await everyItem(read, { ...options, pageSize: 2 }))).toEqual(['p4', 'p0', 'p1', 'p2', 'p3']);
  });

  it('reads again when one was added between pages, and refuses with 409 when the list keeps changing', async () => {
    let added = 0;
    const { read } = pagesOf(() => [...rows(++added, 'new'), ...rows(3)]);
    await expect(everyItem(read, { ...options, pageSize: 2 })).rejects.toBeInstanceOf(ConflictError);
  });
});
