import { z } from 'zod';
import { defineEvent } from '../../envelope/event-contract';
import { ApprovalStageRefSchema } from '../approval-stage-ref.schema';

/** A stage returned the proposal to its BKM for revision, with a note; resubmission restarts the chain. Aggregate: the proposal id. */
export const ProposalReturnedV1 = defineEvent({
  context: 'approvals',
  name: 'proposal-returned',
  version: 1,
  aggregateType: 'proposal',
  schema: ApprovalStageRefSchema.extend({ note: z.string().min(1), returnedAt: z.iso.datetime({ offset: true }) }),
});
export type ProposalReturnedPayload = z.infer<typeof ProposalReturnedV1.schema>;
