import { z } from 'zod';
import { Rupiah } from '../../money/rupiah';
import { defineRequest } from '../../requests/request-contract';
import { text, Uuid } from '../../requests/request-fields';
import { ProgressPhotoSchema } from '../progress-photo.schema';
import { DisbursementViewSchema } from './disbursement-view.schema';
import { ProgressReportViewSchema } from './progress-report-view.schema';

/** At most this many photos per report. */
export const MAX_REPORT_PHOTOS = 10;

/** A photo as the BKM refers to it: one uploaded to `/api/v1/uploads/photos`, or an https address elsewhere. */
export const ProgressPhotoReference = z.strictObject({ url: ProgressPhotoSchema.shape.url, caption: ProgressPhotoSchema.shape.caption });

/** What the BKM reports, besides the proposal and the photos. */
export const ProgressReportFields = {
  /** Physical progress of the works in whole percent; 100 is the final report (LPJ). */
  physicalProgressPercent: z.number().int().min(0).max(100),
  /** Money spent so far, whole rupiah. */
  amountSpent: Rupiah,
  note: text(2000),
};

/**
 * The BKM of the proposal's village reports progress and money spent; the report waits for a
 * Verifikator. The photos carry the EXIF capture the gateway read from its own uploads (never the BKM's word).
 */
export const ReportProgress = defineRequest('disbursements.progress-reports.create', {
  request: z.strictObject({
    proposalId: Uuid,
    ...ProgressReportFields,
    photos: z
      .array(ProgressPhotoReference.extend({ capture: ProgressPhotoSchema.shape.capture }))
      .max(MAX_REPORT_PHOTOS)
      .default([]),
  }),
  answer: z.object({ report: ProgressReportViewSchema, disbursement: DisbursementViewSchema }),
});
