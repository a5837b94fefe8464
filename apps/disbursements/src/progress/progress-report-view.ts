import type { Actor, ProgressReportView, ProgressVerificationStatus, ReportedPhoto } from '@alur/contracts';
import { rupiahOf } from '@alur/database';
import { villageLocationOf } from '@alur/regions';
import { WARNING_FLAGS } from './photo-flags';

export type { ProgressReportView, ProgressVerificationStatus, ReportedPhoto };

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
