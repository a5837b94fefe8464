/**
 * A progress report as the public transparency page shows it: one a Verifikator accepted, without who
 * reported or verified it. Photos are by reference, as the BKM attached them.
 */
export interface PublicProgressReport {
  physicalProgressPercent: number;
  note: string;
  reportedAt: string;
  verifiedAt: string | null;
  final: boolean;
  photos: Array<{ url: string; caption?: string }>;
}
