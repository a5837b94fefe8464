import { z } from 'zod';
import { Actor, ProgressPhotoSchema, ProgressVerificationDecision } from '@alur/contracts';
import { rupiahOf } from '@alur/database';
import { VillageLocation, villageLocationOf } from '@alur/regions';
import { PhotoCheck, PhotoFlag, WARNING_FLAGS } from './photo-flags';

/** A photo of a report as kept: the reference, its EXIF capture (uploads only) and what was found checking it when reported. */
export type ReportedPhoto = z.infer<typeof ProgressPhotoSchema> & { check?: PhotoCheck };

export type ProgressVerificationStatus = 'PENDING' | ProgressVerificationDecision;

/** A `progress_report` row as the pg driver returns it. */
export interface ProgressReportRow {
  id: string;
  disbursement_id: string;
  physical_progress_percent: number;
  amount_spent: string;
  note: string;
  photos: ReportedPhoto[];
  final: boolean;
  reported_by: Actor;
  reported_at: Date;
  verification_status: ProgressVerificationStatus;
  verification_note: string | null;
  verified_by: Actor | null;
  verified_at: Date | null;
}

/** A progress report as the BKM and the officials see it, with where its verification stands. */
export interface ProgressReportView {
  id: string;
  proposalId: string;
  physicalProgressPercent: number;
  amountSpent: number;
  note: string;
  /** Each with its EXIF capture time and position where the phone recorded them, and the flags found. */
  photos: ReportedPhoto[];
  /** Where the village lies, to show beside the photos' positions; null where unknown. */
  villageLocation: VillageLocation | null;
  /** The warnings (FAR_FROM_VILLAGE, TAKEN_LONG_BEFORE) raised by any of its photos, for the verifier's queue. */
  photoWarnings: PhotoFlag[];
  final: boolean;
  reportedAt: string;
  reportedBy: string;
  /** PENDING until a Verifikator accepts it (it then counts toward the next tranche) or sends it back with a note. */
  verificationStatus: ProgressVerificationStatus;
  verificationNote: string | null;
  verifiedBy: string | null;
  verifiedAt: string | null;
}

export function progressReportView(row: ProgressReportRow, proposalId: string, villageCode: string): ProgressReportView {
  const raised = new Set(row.photos.flatMap((photo) => photo.check?.flags ?? []));
  return {
    id: row.id,
    proposalId,
    physicalProgressPercent: row.physical_progress_percent,
    amountSpent: rupiahOf(row.amount_spent),
    note: row.note,
    photos: row.photos,
    villageLocation: villageLocationOf(villageCode),
    photoWarnings: WARNING_FLAGS.filter((flag) => raised.has(flag)),
    final: row.final,
    reportedAt: row.reported_at.toISOString(),
    reportedBy: row.reported_by.username,
    verificationStatus: row.verification_status,
    verificationNote: row.verification_note,
    verifiedBy: row.verified_by?.username ?? null,
    verifiedAt: row.verified_at?.toISOString() ?? null,
  };
}
