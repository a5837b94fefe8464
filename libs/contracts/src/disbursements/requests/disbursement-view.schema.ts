import { z } from 'zod';
import { BankAccountSchema } from '../../money/bank-account';
import { DISBURSEMENT_STATUSES } from '../funds-report/funds-report-item';
import { OfficialRefSchema } from '../../identity/official-ref.schema';

export const TRANCHE_STATUSES = ['LOCKED', 'READY', 'PREPARED', 'RELEASED', 'CANCELLED'] as const;
export type TrancheStatus = (typeof TRANCHE_STATUSES)[number];

/** An SPM: prepared by one BPKAD official, waiting (PREPARED) for a second to authorise it, and kept once RELEASED. */
export const SpmViewSchema = z.object({
  sp2dNumber: z.string(),
  bankAccount: BankAccountSchema,
  /** Why it pays into another account than the proposal's; null when it pays into the proposal's. */
  accountChangeNote: z.string().nullable(),
  preparedBy: OfficialRefSchema,
  preparedAt: z.iso.datetime(),
});
export type SpmView = z.infer<typeof SpmViewSchema>;

/** An SPM the second official returned instead of authorising: what it said, who returned it, when and why. */
export const ReturnedSpmViewSchema = SpmViewSchema.extend({
  returnedBy: OfficialRefSchema,
  returnedAt: z.iso.datetime(),
  reason: z.string(),
});
export type ReturnedSpmView = z.infer<typeof ReturnedSpmViewSchema>;

/** A tranche (termin) as callers see it; rupiah are integers. */
export const TrancheViewSchema = z.object({
  number: z.number().int(),
  shareBp: z.number().int(),
  unlockProgressPercent: z.number().int(),
  amount: z.number().int(),
  status: z.enum(TRANCHE_STATUSES),
  readyAt: z.iso.datetime().nullable(),
  sp2dNumber: z.string().nullable(),
  releasedAt: z.iso.datetime().nullable(),
  spm: SpmViewSchema.nullable(),
  /** The last SPM returned for this tranche; null if none was. */
  returnedSpm: ReturnedSpmViewSchema.nullable(),
  /** The BPKAD official who authorised the release, and when it was recorded; null until RELEASED. */
  authorisedBy: OfficialRefSchema.nullable(),
  authorisedAt: z.iso.datetime().nullable(),
});
export type TrancheView = z.infer<typeof TrancheViewSchema>;

/** A disbursement as callers see it, with its tranches; rupiah are integers. */
export const DisbursementViewSchema = z.object({
  id: z.string(),
  proposalId: z.string(),
  title: z.string(),
  programCode: z.string(),
  programVersion: z.number().int(),
  fiscalYear: z.number().int(),
  villageCode: z.string(),
  /** The village's and its kecamatan's names from the region directory; null for a code it does not know. */
  villageName: z.string().nullable(),
  districtCode: z.string(),
  districtName: z.string().nullable(),
  regencyCode: z.string(),
  ceilingRegionCode: z.string(),
  amount: z.number().int(),
  released: z.number().int(),
  status: z.enum(DISBURSEMENT_STATUSES),
  approvedAt: z.iso.datetime(),
  committedAt: z.iso.datetime().nullable(),
  completedAt: z.iso.datetime().nullable(),
  /** The highest physical progress the BKM reported and a Verifikator accepted, in percent; null before the first accepted report. */
  progressPercent: z.number().int().nullable(),
  /**
   * The account the BKM gave in its proposal as last submitted, which its tranches are paid into; null for a
   * proposal submitted before proposals named one.
   */
  payeeAccount: BankAccountSchema.nullable(),
  tranches: z.array(TrancheViewSchema),
});
export type DisbursementView = z.infer<typeof DisbursementViewSchema>;

/** Which tranche (termin) of which proposal an SPM step acted on, and for how much: the head of its answer. */
export const TrancheStepFields = {
  disbursementId: z.string(),
  proposalId: z.string(),
  trancheNumber: z.number().int(),
  trancheCount: z.number().int(),
  amount: z.number().int(),
  sp2dNumber: z.string(),
};
