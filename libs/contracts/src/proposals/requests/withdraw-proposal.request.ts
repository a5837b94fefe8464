import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { Uuid } from '../../requests/request-fields';
import { ProposalViewSchema } from './proposal-view.schema';
import { ProposalVersion } from './update-proposal.request';

/** The BKM withdraws a proposal that is not yet decided. */
export const WithdrawProposal = defineRequest('proposals.withdraw', {
  request: z.strictObject({
    id: Uuid,
    /** The version last read; a stale one answers 409. */
    version: ProposalVersion.optional(),
    /** Why it is withdrawn. */
    reason: z.string().max(2000).optional(),
    /**
     * Set by the gateway, never by a client: the submission whose review the approvals service closed
     * for this withdrawal (null when the proposal held none).
     */
    reviewWithdrawn: z.number().int().positive().nullish(),
  }),
  answer: ProposalViewSchema,
});
