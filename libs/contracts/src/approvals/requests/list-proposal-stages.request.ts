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

/** An official as the gateway shows them: the service's record with the person's display name. */
const NamedOfficialSchema = ActorSchema.shape.actingFor.unwrap().extend({ displayName: z.string() });

/**
 * What the gateway's `GET /api/v1/approvals/proposals/:proposalId/stages` answers: the service's stages
 * (ListProposalStages) with the names the gateway knows, who decided (and for whom), and the official and
 * region a Plt/Plh would act for.
 */
export const NamedProposalStagesSchema = z.array(
  ProposalStageSchema.extend({
    decidedBy: ActorSchema.extend({ displayName: z.string(), actingFor: NamedOfficialSchema.optional() }).nullable(),
    yourDecision: z.object({ actingFor: NamedOfficialSchema.extend({ regionName: z.string().nullable() }).nullable() }).optional(),
  }),
);
export type NamedProposalStage = z.output<typeof NamedProposalStagesSchema>[number];
/** An official the gateway named: who decided a stage, or whom a Plt/Plh acts for. */
export type NamedOfficial = z.output<typeof NamedOfficialSchema>;
