import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { Uuid } from '../../requests/request-fields';
import { ProposalDetailViewSchema } from './proposal-view.schema';

/** One proposal within the caller's region (404 outside it, as if it did not exist). */
export const GetProposal = defineRequest('proposals.get', {
  request: z.strictObject({ id: Uuid }),
  answer: ProposalDetailViewSchema,
});
