import { z } from 'zod';
import {
  MAX_REPORT_PHOTOS,
  ProgressPhotoReference,
  ProgressReportFields,
  SpmPreparationFields,
  SpmReturnFields,
  TrancheNumber,
  TrancheReleaseFields,
  Uuid,
} from '@alur/contracts';

/**
 * Where a route's HTTP input differs from the request the gateway sends (the path names a field
 * otherwise, or the gateway adds fields: the Idempotency-Key header, the photos' EXIF capture), its
 * own schema, built from the contract's fields so that the limits are the same.
 */

/** `/disbursements/:id/tranches/:n`: one tranche (termin); the contracts call them disbursementId and trancheNumber. */
const TranchePath = { id: Uuid, n: TrancheNumber };

/** Preparing an SPM: the tranche, the SP2D number and the account (the Idempotency-Key comes as a header). */
export const PrepareSpmInput = z.strictObject({ ...TranchePath, ...SpmPreparationFields });
/** Returning a prepared SPM: the tranche and the reason. */
export const ReturnSpmInput = z.strictObject({ ...TranchePath, ...SpmReturnFields });
/** Authorising a prepared SPM: the tranche, its SP2D number and date (the Idempotency-Key comes as a header). */
export const ReleaseTrancheInput = z.strictObject({ ...TranchePath, ...TrancheReleaseFields });

/** A progress report as the BKM sends it: photos by reference only, since their capture is the gateway's to add from its uploads. */
export const ReportProgressInput = z.strictObject({
  id: Uuid,
  ...ProgressReportFields,
  /** Up to 10 photo references: uploads of the BKM's own village, or https addresses. */
  photos: z.array(ProgressPhotoReference).max(MAX_REPORT_PHOTOS).optional(),
});
