import { z } from 'zod';
import { ProgressPhotoSchema } from '../progress-photo.schema';
import { PROGRESS_VERIFICATION_DECISIONS } from '../progress-report-verified/progress-report-verified.event';
import { PHOTO_FLAGS } from './photo-flags';
import { OfficialRefSchema } from '../../identity/official-ref.schema';

// Apart from the schemas, so that the console's badges do not bring zod along.
export { PHOTO_FLAGS, PHOTO_WARNING_FLAGS, type PhotoFlag } from './photo-flags';

/** What was found checking a photo's EXIF capture when it was reported. */
export const PhotoCheckSchema = z.object({
  flags: z.array(z.enum(PHOTO_FLAGS)),
  /** From the village's location to where the photo was taken; null without both points. */
  distanceKm: z.number().nullable(),
  /** Whole days from capture to the report; null without a capture time. */
  daysBeforeReport: z.number().int().nullable(),
});
export type PhotoCheck = z.infer<typeof PhotoCheckSchema>;

/** A photo of a report as kept: the reference, its EXIF capture (uploads only) and what was found checking it when reported. */
export const ReportedPhotoSchema = ProgressPhotoSchema.extend({ check: PhotoCheckSchema.optional() });
export type ReportedPhoto = z.infer<typeof ReportedPhotoSchema>;

export const PROGRESS_VERIFICATION_STATUSES = ['PENDING', ...PROGRESS_VERIFICATION_DECISIONS] as const;
export type ProgressVerificationStatus = (typeof PROGRESS_VERIFICATION_STATUSES)[number];

/** Where a village lies, to show beside the photos' positions. */
export const VillageLocationSchema = z.object({
  latitude: z.number(),
  longitude: z.number(),
  basis: z.enum(['VILLAGE', 'KECAMATAN_SEAT']),
  /** The place the point stands for, e.g. `Duri` (seat of Kecamatan Mandau). */
  place: z.string(),
});

/** A progress report as the BKM and the officials see it, with where its verification stands. */
export const ProgressReportViewSchema = z.object({
  id: z.string(),
  proposalId: z.string(),
  physicalProgressPercent: z.number().int(),
  amountSpent: z.number().int(),
  note: z.string(),
  /** Each with its EXIF capture time and position where the phone recorded them, and the flags found. */
  photos: z.array(ReportedPhotoSchema),
  /** Where the village lies, to show beside the photos' positions; null where unknown. */
  villageLocation: VillageLocationSchema.nullable(),
  /** The warnings (FAR_FROM_VILLAGE, TAKEN_LONG_BEFORE) raised by any of its photos, for the verifier's queue. */
  photoWarnings: z.array(z.enum(PHOTO_FLAGS)),
  final: z.boolean(),
  reportedAt: z.iso.datetime(),
  /** The reporter's username; `reporter` names them. */
  reportedBy: z.string(),
  reporter: OfficialRefSchema,
  /** PENDING until a Verifikator accepts it (it then counts toward the next tranche) or sends it back with a note. */
  verificationStatus: z.enum(PROGRESS_VERIFICATION_STATUSES),
  verificationNote: z.string().nullable(),
  /** The verifier's username; `verifier` names them. */
  verifiedBy: z.string().nullable(),
  verifier: OfficialRefSchema.nullable(),
  verifiedAt: z.iso.datetime().nullable(),
});
export type ProgressReportView = z.infer<typeof ProgressReportViewSchema>;

/** A report with what a verifier weighs it against: the proposal, what was released and the swadaya. */
export const ProgressReportListItemSchema = ProgressReportViewSchema.extend({
  disbursementId: z.string(),
  title: z.string(),
  programCode: z.string(),
  villageCode: z.string(),
  districtCode: z.string(),
  amount: z.number().int(),
  released: z.number().int(),
  selfHelpAmount: z.number().int().nullable(),
});
export type ProgressReportListItem = z.infer<typeof ProgressReportListItemSchema>;
