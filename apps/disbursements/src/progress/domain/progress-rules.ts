import { RefusalCode } from '@alur/contracts';
import type { FieldError } from '@alur/contracts';
import { formatRupiah } from '@alur/contracts';

export interface ProgressClaim {
  physicalProgressPercent: number;
  amountSpent: number;
  photoCount: number;
}

export interface ProgressStanding {
  /** The BKM's latest report that still stands (not sent back by the verifier), if any. */
  previous: { physicalProgressPercent: number; amountSpent: number } | null;
  /** Rupiah released to the proposal so far. */
  released: number;
  /** The community's own contribution (swadaya) as submitted. */
  selfHelpAmount: number;
  /** Whether the programme asks for a photo with every report. */
  photosRequired: boolean;
}

/**
 * What a progress report may claim: works do not un-build and money does not un-spend, so neither
 * figure goes below the last report that stands; no more can be spent than was released plus the
 * swadaya; and where the programme asks for photos, a report without one is not evidence.
 */
export function progressClaimErrors(claim: ProgressClaim, standing: ProgressStanding): FieldError[] {
  const errors: FieldError[] = [];
  const { previous } = standing;
  if (previous && claim.physicalProgressPercent < previous.physicalProgressPercent) {
    errors.push({
      field: 'physicalProgressPercent',
      reason: `must not go below the ${previous.physicalProgressPercent}% reported before`,
      code: RefusalCode.BelowLastReport,
    });
  }
  if (previous && claim.amountSpent < previous.amountSpent) {
    errors.push({
      field: 'amountSpent',
      reason: `must not go below the ${formatRupiah(previous.amountSpent)} reported before`,
      code: RefusalCode.BelowLastReport,
    });
  }
  const available = standing.released + standing.selfHelpAmount;
  if (claim.amountSpent > available) {
    errors.push({
      field: 'amountSpent',
      reason: `must not exceed what was released (${formatRupiah(standing.released)}) plus the swadaya (${formatRupiah(standing.selfHelpAmount)}): ${formatRupiah(available)}`,
      code: RefusalCode.AboveReleasedPlusSwadaya,
    });
  }
  if (standing.photosRequired && claim.photoCount === 0) {
    errors.push({
      field: 'photos',
      reason: 'this programme needs at least one photo of the works with every report',
      code: RefusalCode.PhotoRequired,
    });
  }
  return errors;
}
