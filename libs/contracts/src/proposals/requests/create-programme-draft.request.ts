import { z } from 'zod';
import { ROLES } from '../../identity/role';
import { Rupiah } from '../../money/rupiah';
import { defineRequest } from '../../requests/request-contract';
import { text } from '../../requests/request-fields';
import { PROPOSAL_CATEGORIES, ProgrammeDefinitionSchema, REGION_SCOPE_LEVELS } from '../programme-definition/programme-definition.schema';
import { PROPOSAL_DOCUMENT_KINDS } from '../proposal-document/proposal-document.schema';
import { ProgrammeVersionViewSchema } from './programme-view.schema';

const definition = ProgrammeDefinitionSchema.shape;

/**
 * An admin drafts a new version of a programme (version 1 when the code is new; the service numbers
 * it). The rules that weigh one part against another (each stage at its role's level, rising
 * tranche thresholds, known regions) are the service's.
 */
export const CreateProgrammeDraft = defineRequest('proposals.create-programme-draft', {
  request: z.strictObject({
    code: z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/, { message: 'must be 2–40 capital letters, digits or dashes, e.g. KOTAKU-2026' }),
    name: text(200),
    fiscalYear: definition.fiscalYear,
    /** All villages, or a pilot list of kecamatan and village codes. */
    eligibleRegions: z.discriminatedUnion('scope', [
      z.strictObject({ scope: z.literal('ALL') }),
      z.strictObject({ scope: z.literal('LIST'), regionCodes: z.array(z.string().min(1)).min(1) }),
    ]),
    /** Most that one proposal may request, whole rupiah. */
    maxRequestedAmount: Rupiah,
    /** Minimum swadaya share of the budget total in basis points (500 = 5%). */
    minSelfHelpShareBp: definition.minSelfHelpShareBp,
    categories: z.array(z.enum(PROPOSAL_CATEGORIES)).min(1),
    approvalChain: z
      .array(
        z.strictObject({
          role: z.enum(ROLES),
          regionLevel: z.enum(REGION_SCOPE_LEVELS),
          /** Service level in working days (hari kerja). */
          serviceLevelWorkingDays: z.number().int().min(1).max(60),
        }),
      )
      .min(1),
    reminderSchedule: z.strictObject({
      beforeDueWorkingDays: z.number().int().min(0).max(30),
      afterDueWorkingDays: z.number().int().min(0).max(30),
    }),
    /** Each tranche's share of the requested amount (4000 = 40%) and the progress (%) that unlocks it; 0 for the first. */
    tranchePlan: z
      .array(z.strictObject({ shareBp: z.number().int().min(1).max(10_000), unlockProgressPercent: z.number().int().min(0).max(100) }))
      .min(1)
      .refine((tranches) => tranches.reduce((sum, t) => sum + (t?.shareBp ?? 0), 0) === 10_000, 'tranche shares must sum to 10000 bp'),
    /** The pagu per region of that level per fiscal year, whole rupiah. */
    budgetCeiling: z.strictObject({ regionLevel: z.enum(REGION_SCOPE_LEVELS), amount: Rupiah }),
    /** The documents checklist of a proposal; submitting without a required kind is refused. */
    requiredDocuments: z
      .array(z.strictObject({ kind: z.enum(PROPOSAL_DOCUMENT_KINDS), required: z.boolean() }))
      .max(PROPOSAL_DOCUMENT_KINDS.length)
      .refine((documents) => new Set(documents.map((d) => d?.kind)).size === documents.length, 'must not name a document kind twice')
      .optional(),
    /** Whether every progress report must carry at least one photo of the works. */
    progressPhotosRequired: z.boolean().optional(),
  }),
  answer: ProgrammeVersionViewSchema,
});
