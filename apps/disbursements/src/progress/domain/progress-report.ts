import type { Actor, ProgressVerificationStatus, ReportedPhoto } from '@alur/contracts';

/** What a BKM reported of a disbursement's works, and the field verifier's decision on it. */
export interface ProgressReport {
  id: string;
  disbursementId: string;
  physicalProgressPercent: number;
  /** Whole rupiah. */
  amountSpent: number;
  note: string;
  photos: ReportedPhoto[];
  final: boolean;
  reportedBy: Actor;
  reportedAt: Date;
  verificationStatus: ProgressVerificationStatus;
  verificationNote: string | null;
  verifiedBy: Actor | null;
  verifiedAt: Date | null;
}
