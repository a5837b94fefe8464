import { z } from 'zod';
import { ROLES } from '../../identity/role';
import { defineEvent } from '../../envelope/event-contract';
import { ApprovalStageRefSchema } from '../approval-stage-ref.schema';

/**
 * A stage passed its deadline undecided: the next official up the chain is told (e.g. the Camat of a
 * Lurah's overdue stage) and the BKM learns its proposal is delayed. The stage stays with its own
 * official. For the last stage there is nobody above: `escalatedTo` is null. Aggregate: the proposal id.
 */
export const ApprovalStageEscalatedV1 = defineEvent({
  context: 'approvals',
  name: 'approval-stage-escalated',
  version: 1,
  aggregateType: 'proposal',
  schema: ApprovalStageRefSchema.extend({
    dueAt: z.iso.datetime({ offset: true }),
    escalatedAt: z.iso.datetime({ offset: true }),
    escalatedTo: z.object({ role: z.enum(ROLES), regionCode: z.string().min(1) }).nullable(),
  }),
});
export type ApprovalStageEscalatedPayload = z.infer<typeof ApprovalStageEscalatedV1.schema>;
