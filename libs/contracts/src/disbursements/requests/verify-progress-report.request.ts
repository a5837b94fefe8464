import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { Uuid } from '../../requests/request-fields';
import { PROGRESS_VERIFICATION_DECISIONS } from '../progress-report-verified/progress-report-verified.event';
import { DisbursementViewSchema } from './disbursement-view.schema';
import { ProgressReportViewSchema } from './progress-report-view.schema';

/** A Verifikator accepts a pending report (it counts toward the next tranche) or sends it back to the BKM with a note. */
export const VerifyProgressReport = defineRequest('disbursements.progress-reports.verify', {
  request: z
    .strictObject({
      reportId: Uuid,
      /** ACCEPTED counts toward the next tranche; SENT_BACK returns it to the BKM. */
      decision: z.enum(PROGRESS_VERIFICATION_DECISIONS),
      /** Required when sending back. */
      note: z.string().trim().max(2000).optional(),
    })
    .superRefine((request, ctx) => {
      if (request.decision === 'SENT_BACK' && !request.note) {
        ctx.addIssue({
          code: 'custom',
          path: ['note'],
          message: 'is required when sending a report back: tell the BKM what to correct',
          params: { code: 'required' },
        });
      }
    }),
  answer: z.object({ report: ProgressReportViewSchema, disbursement: DisbursementViewSchema }),
});
