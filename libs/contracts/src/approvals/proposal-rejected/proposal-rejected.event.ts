import { z } from 'zod';
import { defineEvent } from '../../envelope/event-contract';
import { ApprovalStageRefSchema } from '../approval-stage-ref.schema';

/** A stage rejected the proposal, finally, with a reason. Aggregate: the proposal id. */
export const ProposalRejectedV1 = defineEvent({
  context: 'approvals',
  name: 'proposal-rejected',
  version: 1,
  aggregateType: 'proposal',
  schema: ApprovalStageRefSchema.extend({ reason: z.string().min(1), rejectedAt: z.iso.datetime({ offset: true }) }),
});
export type ProposalRejectedPayload = z.infer<typeof ProposalRejectedV1.schema>;
