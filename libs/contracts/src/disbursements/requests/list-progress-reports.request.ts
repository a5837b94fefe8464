import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { pageQuery, pageWithSliceOf, Uuid } from '../../requests/request-fields';
import { PROGRESS_VERIFICATION_STATUSES, ProgressReportListItemSchema } from './progress-report-view.schema';

const ProgressReportsFilter = {
  ...pageQuery({ defaultPageSize: 50, maxPageSize: 200, acceptsLimitOffset: true }),
  /** PENDING is a Verifikator's queue, oldest first. */
  verificationStatus: z.enum(PROGRESS_VERIFICATION_STATUSES).optional(),
};

const ProgressReportPage = pageWithSliceOf(ProgressReportListItemSchema);

/** Progress reports within the caller's region, newest first (a queue of PENDING ones oldest first), with the proposal's figures. */
export const ListProgressReports = defineRequest('disbursements.progress-reports.list', {
  request: z.strictObject({
    ...ProgressReportsFilter,
    /** The reports of one proposal. */
    proposalId: Uuid.optional(),
  }),
  answer: ProgressReportPage,
});

/** One proposal's reports, newest first; 404 for a proposal the caller does not see funded. */
export const ListProposalProgressReports = defineRequest('disbursements.progress-reports.of-proposal', {
  request: z.strictObject({ ...ProgressReportsFilter, proposalId: Uuid }),
  answer: ProgressReportPage,
});
