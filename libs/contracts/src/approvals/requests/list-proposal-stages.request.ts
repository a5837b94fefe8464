import { z } from 'zod';
import { ActorSchema } from '../../envelope/event-envelope';
import { defineRequest } from '../../requests/request-contract';
import { Uuid } from '../../requests/request-fields';
import { ApprovalStageViewSchema } from './approval-stage-view.schema';

/** The caller may decide this open stage: in person (`actingFor` null) or as Plt/Plh of that official. */
export const YourDecisionSchema = z.object({ actingFor: ActorSchema.shape.actingFor.unwrap().nullable() });
export type YourDecision = z.infer<typeof YourDecisionSchema>;

/** A stage of a proposal's chain, with `yourDecision` when the caller may decide it (open stages only). */
export const ProposalStageSchema = ApprovalStageViewSchema.extend({ yourDecision: YourDecisionSchema.optional() });
export type ProposalStage = z.infer<typeof ProposalStageSchema>;

/** Every stage of a proposal, all submissions, in order: who decided what, when, and for whom. */
export const ListProposalStages = defineRequest('approvals.proposal-stages', {
  request: z.strictObject({ proposalId: Uuid }),
  answer: z.array(ProposalStageSchema),
});
