import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { ProgrammeCode, VillageCode } from '../../requests/request-fields';
import { ProposalContentFields, ProposalTitle } from './proposal-content.schema';
import { ProposalViewSchema } from './proposal-view.schema';

/**
 * A BKM starts a draft proposal for its village under the latest published version of a programme;
 * the service computes the budget total and the requested amount.
 */
export const CreateProposal = defineRequest('proposals.create', {
  request: z.strictObject({
    programCode: ProgrammeCode,
    /** Kemendagri code of the kelurahan/desa. */
    villageCode: VillageCode,
    title: ProposalTitle,
    ...ProposalContentFields,
  }),
  answer: ProposalViewSchema,
});
