import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { pageOf, pageQuery, ProgrammeCode, RegionCode } from '../../requests/request-fields';
import { PROPOSAL_STATUSES, ProposalSummaryViewSchema } from './proposal-view.schema';

/** Proposals within the caller's region, newest change first. */
export const ListProposals = defineRequest('proposals.list', {
  request: z.strictObject({
    status: z.enum(PROPOSAL_STATUSES).optional(),
    programCode: ProgrammeCode.optional(),
    /** Only proposals of villages within this region. */
    regionCode: RegionCode.optional(),
    /** Text in the title, description or executor group. */
    q: z.string().max(200).optional(),
    ...pageQuery({ defaultPageSize: 20, maxPageSize: 100 }),
  }),
  answer: pageOf(ProposalSummaryViewSchema),
});
