import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { Uuid } from '../../requests/request-fields';
import { ProposalViewSchema } from './proposal-view.schema';
import { ProposalVersion } from './update-proposal.request';

/** Submits a draft, or resubmits a returned proposal, after checking it against its programme. */
export const SubmitProposal = defineRequest('proposals.submit', {
  request: z.strictObject({
    id: Uuid,
    /** The version last read; a stale one answers 409. */
    version: ProposalVersion.optional(),
  }),
  answer: ProposalViewSchema,
});
