import { z } from 'zod';
import { defineEvent } from '../../envelope/event-contract';
import { ApprovalStageRefSchema } from '../approval-stage-ref.schema';

export const REMINDER_KINDS = ['BEFORE_DUE', 'OVERDUE'] as const;

/** The officials of a still-open stage are reminded, before its deadline or after it. Aggregate: the proposal id. */
export const ApprovalReminderDueV1 = defineEvent({
  context: 'approvals',
  name: 'approval-reminder-due',
  version: 1,
  aggregateType: 'proposal',
  schema: ApprovalStageRefSchema.extend({
    kind: z.enum(REMINDER_KINDS),
    dueAt: z.iso.datetime({ offset: true }),
    remindedAt: z.iso.datetime({ offset: true }),
  }),
});
export type ApprovalReminderDuePayload = z.infer<typeof ApprovalReminderDueV1.schema>;
