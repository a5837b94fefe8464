import { z } from 'zod';
import { PROPOSAL_CATEGORIES, RequiredDocumentSchema } from '../programme-definition/programme-definition.schema';
import { ProposalDocumentSchema } from '../proposal-document/proposal-document.schema';
import { BankAccountSchema } from '../../money/bank-account';

export const PROPOSAL_STATUSES = [
  'DRAFT',
  'SUBMITTED',
  'IN_REVIEW',
  'RETURNED',
  'APPROVED',
  'AWAITING_BUDGET',
  'REJECTED',
  'WITHDRAWN',
  'FUNDING',
  'COMPLETED',
] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** A small JSON object of plain values (a stage summary, a timeline entry's details). */
export const FlatJsonSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

/** A proposal in a list: no budget lines, no timeline. Money in whole rupiah, computed by the service. */
export const ProposalSummaryViewSchema = z.object({
  id: z.string(),
  programCode: z.string(),
  programVersion: z.number().int(),
  villageCode: z.string(),
  districtCode: z.string(),
  regencyCode: z.string(),
  title: z.string(),
  category: z.enum(PROPOSAL_CATEGORIES).nullable(),
  /** The KSM that carries the work out. */
  executorGroup: z.string().nullable(),
  /** Households that benefit, of them poor ones: with the executor, what a list's reader (an inspector's file) needs. */
  beneficiaries: z.object({ households: z.number().int(), poorHouseholds: z.number().int() }).nullable(),
  budgetTotal: z.number().int(),
  selfHelpAmount: z.number().int(),
  /** budgetTotal − selfHelpAmount. */
  requestedAmount: z.number().int(),
  /** Swadaya ÷ budget total in basis points, rounded down. */
  selfHelpShareBp: z.number().int(),
  status: z.enum(PROPOSAL_STATUSES),
  version: z.number().int(),
  submissionNumber: z.number().int(),
  /** The approval stage it waits at, while in review. */
  currentStage: FlatJsonSchema.nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  submittedAt: z.iso.datetime().nullable(),
});
export type ProposalSummaryView = z.infer<typeof ProposalSummaryViewSchema>;

/** A RAB line as stored: its amount is quantity × unit price, rounded half up to whole rupiah. */
export const BudgetLineViewSchema = z.object({
  description: z.string(),
  quantity: z.number(),
  unit: z.string(),
  unitPrice: z.number().int(),
  amount: z.number().int(),
});

const Person = z.object({ userId: z.string(), username: z.string(), role: z.string(), regionCode: z.string() });

/**
 * What a timeline entry says happened: the proposal's own changes, and what the proposals service hears from the
 * approvals and disbursements services. The console has words for each (a kind it has none for reads as its code).
 */
export const PROPOSAL_TIMELINE_KINDS = [
  'proposal.created',
  'proposal.updated',
  'proposal.submitted',
  'proposal.resubmitted',
  'proposal.withdrawn',
  'proposal.returned',
  'proposal.rejected',
  'proposal.approved',
  'approval.stage-opened',
  'approval.stage-decided',
  'approval.stage-overdue',
  'approval.review-withdrawn',
  'disbursement.awaiting-budget',
  'disbursement.budget-committed',
  'disbursement.tranche-ready',
  'disbursement.tranche-released',
  'disbursement.progress-reported',
  'disbursement.progress-accepted',
  'disbursement.progress-sent-back',
  'disbursement.completed',
] as const;
export type ProposalTimelineKind = (typeof PROPOSAL_TIMELINE_KINDS)[number];

/** One thing that happened to a proposal; `actor` is null for what the system did. */
export const ProposalTimelineEntrySchema = z.object({
  at: z.iso.datetime(),
  kind: z.string(),
  actor: z.object({ userId: z.string(), username: z.string(), role: z.string(), actingFor: Person.nullable() }).nullable(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  note: z.string().nullable(),
  details: FlatJsonSchema.nullable(),
});

/** A proposal with everything: its RAB, beneficiaries and, when asked for, its timeline. */
export const ProposalViewSchema = ProposalSummaryViewSchema.extend({
  description: z.string().nullable(),
  documents: z.array(ProposalDocumentSchema),
  budgetItems: z.array(BudgetLineViewSchema),
  /** The BKM's account the grant is paid into; null until the BKM names it. */
  payeeAccount: BankAccountSchema.nullable(),
  bkmUserId: z.string(),
  timeline: z.array(ProposalTimelineEntrySchema).optional(),
});
export type ProposalView = z.infer<typeof ProposalViewSchema>;

/** One line of a proposal's documents checklist: what the programme asks for and what the proposal carries. */
export const DocumentChecklistItemSchema = RequiredDocumentSchema.extend({
  present: z.boolean(),
  documents: z.array(ProposalDocumentSchema),
});
export type DocumentChecklistItem = z.infer<typeof DocumentChecklistItemSchema>;

/** What an earlier submission said, for the officials who review a resubmission. */
export const SubmittedContentSchema = ProposalViewSchema.pick({
  submissionNumber: true,
  submittedAt: true,
  title: true,
  category: true,
  description: true,
  executorGroup: true,
  beneficiaries: true,
  budgetItems: true,
  payeeAccount: true,
  budgetTotal: true,
  selfHelpAmount: true,
  requestedAmount: true,
  selfHelpShareBp: true,
  documents: true,
});
export type SubmittedContent = z.infer<typeof SubmittedContentSchema>;

/** One proposal as its page shows it: with its timeline, documents checklist and (to officials) the previous submission. */
export const ProposalDetailViewSchema = ProposalViewSchema.extend({
  documentChecklist: z.array(DocumentChecklistItemSchema),
  /** For officials, from the second submission on: the previous one (null if the trail has none). */
  previousSubmission: SubmittedContentSchema.nullable().optional(),
});
export type ProposalDetailView = z.infer<typeof ProposalDetailViewSchema>;
