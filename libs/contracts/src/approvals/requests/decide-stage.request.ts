import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { Uuid } from '../../requests/request-fields';
import { APPROVAL_DECISIONS } from '../approval-stage-decided/approval-stage-decided.event';
import { ApprovalStageViewSchema, CHAIN_STATUSES } from './approval-stage-view.schema';

/** An official approves, returns (with what to revise) or rejects (with the reason) an open stage. */
export const DecideStage = defineRequest('approvals.decide', {
  request: z
    .strictObject({
      stageId: Uuid,
      decision: z.enum(APPROVAL_DECISIONS),
      /** Required to RETURN (what to revise) or REJECT (the reason). */
      note: z.string().trim().max(4000).nullish(),
    })
    .superRefine((command, ctx) => {
      if (command.decision !== 'APPROVE' && !command.note) {
        ctx.addIssue({
          code: 'custom',
          path: ['note'],
          message: 'note is required to return or reject a proposal',
          params: { code: 'required' },
        });
      }
    }),
  answer: z.object({
    stage: ApprovalStageViewSchema,
    /** The stage opened by an approval, when one follows. */
    nextStage: ApprovalStageViewSchema.nullable(),
    /** Where the proposal stands after the decision. */
    proposalStatus: z.enum(CHAIN_STATUSES),
  }),
});
