import type { ProgressReportView, ProgressVerificationStatus, ReportedPhoto } from '@alur/contracts';
import { villageLocationOf } from '@alur/regions';
import { officialRef } from '../common/official-ref';
import { WARNING_FLAGS } from './domain/photo-flags';
import { ProgressReport } from './domain/progress-report';

export type { ProgressReportView, ProgressVerificationStatus, ReportedPhoto };

export function progressReportView(report: ProgressReport, proposalId: string, villageCode: string): ProgressReportView {
  const raised = new Set(report.photos.flatMap((photo) => photo.check?.flags ?? []));
  return {
    id: report.id,
    proposalId,
    physicalProgressPercent: report.physicalProgressPercent,
    amountSpent: report.amountSpent,
    note: report.note,
    photos: report.photos,
    villageLocation: villageLocationOf(villageCode),
    photoWarnings: WARNING_FLAGS.filter((flag) => raised.has(flag)),
    final: report.final,
    reportedAt: report.reportedAt.toISOString(),
    reportedBy: report.reportedBy.username,
    reporter: officialRef(report.reportedBy),
    verificationStatus: report.verificationStatus,
    verificationNote: report.verificationNote,
    verifiedBy: report.verifiedBy?.username ?? null,
    verifier: report.verifiedBy ? officialRef(report.verifiedBy) : null,
    verifiedAt: report.verifiedAt?.toISOString() ?? null,
  };
}
