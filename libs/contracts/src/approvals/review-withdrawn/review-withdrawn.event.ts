import { z } from 'zod';
import { defineEvent } from '../../envelope/event-contract';
import { ApprovalStageRefSchema } from '../approval-stage-ref.schema';

/**
 * The approvals service accepted the BKM's withdrawal of a proposal under review: no decision had
 * ended its chain, and none can now (both are decided under the chain's row lock). The proposals
 * service takes the proposal to WITHDRAWN on it. Aggregate: the proposal id.
 */
export const ReviewWithdrawnV1 = defineEvent({
  context: 'approvals',
  name: 'review-withdrawn',
  version: 1,
  aggregateType: 'proposal',
  schema: z.object({
    proposalId: z.uuid(),
    submissionNumber: z.number().int().positive(),
    villageCode: z.string().min(1),
    /** The stage that was waiting for a decision, now cancelled. */
    cancelledStage: ApprovalStageRefSchema.nullable(),
    reason: z.string().nullable(),
    withdrawnAt: z.iso.datetime({ offset: true }),
  }),
});
export type ReviewWithdrawnPayload = z.infer<typeof ReviewWithdrawnV1.schema>;
