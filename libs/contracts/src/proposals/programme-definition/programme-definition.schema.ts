import { z } from 'zod';
import { BasisPoints, Rupiah } from '../../money/rupiah';
import { ROLES } from '../../identity/role';
import { PROPOSAL_DOCUMENT_KINDS } from '../proposal-document/proposal-document.schema';

import { PROPOSAL_CATEGORIES } from '../proposal-category';

export { PROPOSAL_CATEGORIES, type ProposalCategory } from '../proposal-category';

export const REGION_SCOPE_LEVELS = ['village', 'district', 'regency'] as const;

/** One stage of an approval chain: who decides, over which region level, within how many working days (hari kerja). */
export const ApprovalStageSchema = z.object({
  role: z.enum(ROLES),
  regionLevel: z.enum(REGION_SCOPE_LEVELS),
  serviceLevelWorkingDays: z.number().int().positive(),
});
export type ApprovalStage = z.infer<typeof ApprovalStageSchema>;

/** When the official who must decide is reminded, in working days before and after the stage's due date. */
export const ReminderScheduleSchema = z.object({
  beforeDueWorkingDays: z.number().int().nonnegative(),
  afterDueWorkingDays: z.number().int().nonnegative(),
});
export type ReminderSchedule = z.infer<typeof ReminderScheduleSchema>;

/**
 * One tranche (termin) of the requested amount: its share in basis points and the physical progress
 * (percent) the BKM must report before it may be released; the first tranche needs none.
 */
export const TrancheSchema = z.object({
  shareBp: BasisPoints,
  unlockProgressPercent: z.number().int().min(0).max(100),
});
export type Tranche = z.infer<typeof TrancheSchema>;

/** The pagu: how much may be committed per region of this level per fiscal year. */
export const BudgetCeilingSchema = z.object({
  regionLevel: z.enum(REGION_SCOPE_LEVELS),
  amount: Rupiah,
});
export type BudgetCeiling = z.infer<typeof BudgetCeilingSchema>;

/** All villages, or a pilot list of kecamatan and village codes. */
export const EligibleRegionsSchema = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('ALL') }),
  z.object({ scope: z.literal('LIST'), regionCodes: z.array(z.string().min(1)).min(1) }),
]);
export type EligibleRegions = z.infer<typeof EligibleRegionsSchema>;

/** A kind of document the proposals of a programme carry, and whether a proposal may be submitted without it. */
export const RequiredDocumentSchema = z.object({
  kind: z.enum(PROPOSAL_DOCUMENT_KINDS),
  required: z.boolean(),
});
export type RequiredDocument = z.infer<typeof RequiredDocumentSchema>;

/** Everything a programme version says about what may be proposed and how it is handled. */
export const ProgrammeDefinitionSchema = z.object({
  code: z.string().min(1),
  version: z.number().int().positive(),
  name: z.string().min(1),
  fiscalYear: z.number().int().min(2000).max(2100),
  eligibleRegions: EligibleRegionsSchema,
  maxRequestedAmount: Rupiah,
  minSelfHelpShareBp: BasisPoints,
  categories: z.array(z.enum(PROPOSAL_CATEGORIES)).min(1),
  approvalChain: z.array(ApprovalStageSchema).min(1),
  reminderSchedule: ReminderScheduleSchema,
  tranchePlan: z
    .array(TrancheSchema)
    .min(1)
    .refine((tranches) => tranches.reduce((sum, t) => sum + t.shareBp, 0) === 10_000, 'tranche shares must sum to 10000 bp'),
  budgetCeiling: BudgetCeilingSchema,
  /** The documents checklist of a proposal (absent: none asked for). */
  requiredDocuments: z
    .array(RequiredDocumentSchema)
    .max(PROPOSAL_DOCUMENT_KINDS.length)
    .refine((documents) => new Set(documents.map((d) => d.kind)).size === documents.length, 'must not name a document kind twice')
    .optional(),
  /** Whether every progress report must carry at least one photo of the works (absent: no). */
  progressPhotosRequired: z.boolean().optional(),
});
export type ProgrammeDefinition = z.infer<typeof ProgrammeDefinitionSchema>;
