import { z } from 'zod';
import { ActorSchema } from '../../envelope/event-envelope';
import { defineEvent } from '../../envelope/event-contract';
import { ApprovalStageRefSchema } from '../approval-stage-ref.schema';

export const APPROVAL_DECISIONS = ['APPROVE', 'RETURN', 'REJECT'] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];

/**
 * An official decided a stage. `decidedBy.actingFor` is set when a Plt/Plh decided in another
 * official's place. A note is given with every RETURN and REJECT. Aggregate: the proposal id.
 */
export const ApprovalStageDecidedV1 = defineEvent({
  context: 'approvals',
  name: 'approval-stage-decided',
  version: 1,
  aggregateType: 'proposal',
  schema: ApprovalStageRefSchema.extend({
    decision: z.enum(APPROVAL_DECISIONS),
    note: z.string().nullable(),
    decidedBy: ActorSchema,
    decidedAt: z.iso.datetime({ offset: true }),
    overdue: z.boolean(),
  }),
});
export type ApprovalStageDecidedPayload = z.infer<typeof ApprovalStageDecidedV1.schema>;
