import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { pageOf, pageQuery, ProgrammeCode, RegionCode } from '../../requests/request-fields';
import { PROPOSAL_STATUSES, ProposalSummaryViewSchema } from './proposal-view.schema';

/** The most proposals one page of the list holds: what the exports (CSV, xlsx) page through the service by. */
export const PROPOSAL_LIST_MAX_PAGE_SIZE = 100;

/** Proposals within the caller's region, newest change first. */
export const ListProposals = defineRequest('proposals.list', {
  request: z.strictObject({
    status: z.enum(PROPOSAL_STATUSES).optional(),
    programCode: ProgrammeCode.optional(),
    /** Only proposals of villages within this region. */
    regionCode: RegionCode.optional(),
    /** Text in the title, description or executor group. */
    q: z.string().max(200).optional(),
    ...pageQuery({ defaultPageSize: 20, maxPageSize: PROPOSAL_LIST_MAX_PAGE_SIZE }),
  }),
  answer: pageOf(ProposalSummaryViewSchema),
});

/** The most proposals one file of the list holds (CSV or spreadsheet): more are refused (422 PROPOSAL_EXPORT_TOO_LARGE), to be narrowed. */
export const PROPOSAL_EXPORT_MAX_ROWS = 10_000;

/** The exports of the list (CSV, xlsx) take the same filters, with no paging: every proposal that matches, up to PROPOSAL_EXPORT_MAX_ROWS. */
export const ListProposalsExportQuerySchema = ListProposals.request.omit({ page: true, pageSize: true });
