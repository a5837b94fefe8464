import { z } from 'zod';
import { defineEvent } from '../../envelope/event-contract';
import { BankAccountSchema } from '../../money/bank-account';
import { Rupiah } from '../../money/rupiah';
import { ApprovalStageSchema, PROPOSAL_CATEGORIES, ReminderScheduleSchema } from '../programme-definition/programme-definition.schema';

/**
 * A BKM submitted a proposal (submissionNumber 1) or resubmitted it after a return (2, 3, …). It
 * carries the approval chain and reminder schedule of the programme version it was submitted under,
 * so a later programme version never changes its handling. Aggregate: the proposal id.
 */
export const ProposalSubmittedV1 = defineEvent({
  context: 'proposals',
  name: 'proposal-submitted',
  version: 1,
  aggregateType: 'proposal',
  schema: z.object({
    proposalId: z.uuid(),
    programCode: z.string().min(1),
    programVersion: z.number().int().positive(),
    villageCode: z.string().min(1),
    districtCode: z.string().min(1),
    regencyCode: z.string().min(1),
    title: z.string().min(1),
    category: z.enum(PROPOSAL_CATEGORIES),
    budgetTotal: Rupiah,
    selfHelpAmount: Rupiah,
    requestedAmount: Rupiah,
    bkmUserId: z.string().min(1),
    /** The BKM's account the grant is paid into; absent from submissions made before proposals named one. */
    payeeAccount: BankAccountSchema.optional(),
    submissionNumber: z.number().int().positive(),
    approvalChain: z.array(ApprovalStageSchema).min(1),
    reminderSchedule: ReminderScheduleSchema,
  }),
});
export type ProposalSubmittedPayload = z.infer<typeof ProposalSubmittedV1.schema>;
