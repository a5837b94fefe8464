import { z } from 'zod';
import { ActorSchema } from '../../envelope/event-envelope';
import { ApprovalStageRefSchema } from '../approval-stage-ref.schema';

export const STAGE_STATUSES = ['OPEN', 'APPROVED', 'RETURNED', 'REJECTED', 'CANCELLED'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

/** Where a proposal's approval chain stands. */
export const CHAIN_STATUSES = ['IN_REVIEW', 'APPROVED', 'RETURNED', 'REJECTED', 'WITHDRAWN'] as const;
export type ChainStatus = (typeof CHAIN_STATUSES)[number];

/** A stage as the API shows it. */
export const ApprovalStageViewSchema = ApprovalStageRefSchema.extend({
  status: z.enum(STAGE_STATUSES),
  openedAt: z.iso.datetime(),
  dueAt: z.iso.datetime(),
  /** Still open past its deadline, or decided after it. */
  overdue: z.boolean(),
  decidedAt: z.iso.datetime().nullable(),
  decidedBy: ActorSchema.nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
});
export type ApprovalStageView = z.infer<typeof ApprovalStageViewSchema>;
