import {
  ConflictError,
  PROPOSAL_CSV_MAX_ROWS,
  PROPOSAL_LIST_MAX_PAGE_SIZE,
  ProposalSummaryView,
  RefusalCode,
  UnprocessableError,
} from '@alur/contracts';

/** One page of the list, as the proposals service answers `ListProposals` (the caller's region, the filters applied). */
export type ProposalPageReader = (page: number, pageSize: number) => Promise<{ items: ProposalSummaryView[]; total: number }>;

/** How often the list is read again when it changed while it was paged through, before the caller is told to ask again. */
const READS = 3;

/**
 * Every proposal the list's filters match, in the list's order (newest change first), paged through the service at
 * its largest page. More than `maxRows` is refused from the first page's total, before the rest is read: a file cut
 * short would mislead its reader. The list pages by offset, so a proposal changed or submitted while it is paged
 * through moves to the top and shifts the others: one would be read twice and another missed. Such a read (the total
 * moved between pages, an id repeated, fewer than the total) is read again, and after READS tries refused as a 409.
 */
export async function everyProposal(
  readPage: ProposalPageReader,
  { maxRows = PROPOSAL_CSV_MAX_ROWS, pageSize = PROPOSAL_LIST_MAX_PAGE_SIZE }: { maxRows?: number; pageSize?: number } = {},
): Promise<ProposalSummaryView[]> {
  for (let read = 1; read <= READS; read++) {
    const proposals = await readOnce(readPage, maxRows, pageSize);
    if (proposals) return proposals;
  }
  throw new ConflictError('The proposals changed while they were read for the file: ask for it again');
}

/** One read through the pages; undefined when the list changed under it. */
async function readOnce(readPage: ProposalPageReader, maxRows: number, pageSize: number): Promise<ProposalSummaryView[] | undefined> {
  const first = await readPage(1, pageSize);
  if (first.total > maxRows) {
    throw new UnprocessableError(`More than ${maxRows} proposals match: narrow the list by status, region, programme or text`, {
      code: RefusalCode.ProposalExportTooLarge,
    });
  }
  const proposals = [...first.items];
  for (let page = 2; (page - 1) * pageSize < first.total; page++) {
    const next = await readPage(page, pageSize);
    if (next.total !== first.total) return undefined;
    proposals.push(...next.items);
  }
  const complete = proposals.length === first.total && new Set(proposals.map((p) => p.id)).size === first.total;
  return complete ? proposals : undefined;
}
