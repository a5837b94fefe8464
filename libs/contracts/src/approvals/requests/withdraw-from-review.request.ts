import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { Uuid } from '../../requests/request-fields';

/**
 * The BKM withdraws a proposal under review (asked by the gateway before the proposals service records
 * the withdrawal): decided by the approvals service against the officials' decisions.
 */
export const WithdrawFromReview = defineRequest('approvals.withdraw', {
  request: z.strictObject({
    proposalId: Uuid,
    /** The submission the BKM sees under review (the proposal's current one). */
    submissionNumber: z.number().int().positive(),
    reason: z.string().max(2000).nullish(),
  }),
  answer: z.object({
    /** The submission whose review the service closed for the withdrawal; null when it holds no review of it (not heard of yet). */
    submissionNumber: z.number().int().nullable(),
  }),
});
