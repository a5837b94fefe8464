import { z } from 'zod';
import { ActorSchema } from '../../envelope/event-envelope';
import { ROLES } from '../../identity/role';
import { defineEvent } from '../../envelope/event-contract';
import { Rupiah } from '../../money/rupiah';

/** One decided stage of a proposal: who decided it (`actingFor` set when a Plt/Plh decided in another official's place). */
export const StageDecisionSchema = z.object({
  submissionNumber: z.number().int().positive(),
  stageOrder: z.number().int().positive(),
  role: z.enum(ROLES),
  decidedBy: ActorSchema,
});
export type StageDecision = z.infer<typeof StageDecisionSchema>;

/** The last stage approved: the proposal is finally approved and its amount may be committed. Aggregate: the proposal id. */
export const ProposalApprovedV1 = defineEvent({
  context: 'approvals',
  name: 'proposal-approved',
  version: 1,
  aggregateType: 'proposal',
  schema: z.object({
    proposalId: z.uuid(),
    submissionNumber: z.number().int().positive(),
    programCode: z.string().min(1),
    programVersion: z.number().int().positive(),
    villageCode: z.string().min(1),
    districtCode: z.string().min(1),
    regencyCode: z.string().min(1),
    title: z.string().min(1),
    requestedAmount: Rupiah,
    approvedAt: z.iso.datetime({ offset: true }),
    /**
     * Every decided stage of the proposal, of this submission and of earlier ones that were returned,
     * so that none of their deciders can release its money (four eyes at BPKAD). An additive field:
     * events announced before it was added lack it.
     */
    stageDecisions: z.array(StageDecisionSchema).optional(),
  }),
});
export type ProposalApprovedPayload = z.infer<typeof ProposalApprovedV1.schema>;
