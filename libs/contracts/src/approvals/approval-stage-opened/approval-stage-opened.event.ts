import { z } from 'zod';
import { defineEvent } from '../../envelope/event-contract';
import { ApprovalStageRefSchema } from '../approval-stage-ref.schema';

/** A stage now waits for its official's decision, due after its service level in working days. Aggregate: the proposal id. */
export const ApprovalStageOpenedV1 = defineEvent({
  context: 'approvals',
  name: 'approval-stage-opened',
  version: 1,
  aggregateType: 'proposal',
  schema: ApprovalStageRefSchema.extend({
    openedAt: z.iso.datetime({ offset: true }),
    dueAt: z.iso.datetime({ offset: true }),
  }),
});
export type ApprovalStageOpenedPayload = z.infer<typeof ApprovalStageOpenedV1.schema>;
