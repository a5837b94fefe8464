import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';

/** How the approval chain of a kabupaten stands, per role of the chain and per kecamatan. */
export const ApprovalStageReportSchema = z.object({
  /** Open stages (proposals waiting) per role, how many are overdue, and the median time a decision took, in whole minutes. */
  perStage: z.array(
    z.object({
      role: z.string(),
      open: z.number().int(),
      overdue: z.number().int(),
      decided: z.number().int(),
      medianMinutes: z.number().int().nonnegative().nullable(),
    }),
  ),
  /** Overdue open stages by the kecamatan of the proposal's village. */
  overdueByDistrict: z.array(z.object({ districtCode: z.string(), overdue: z.number().int() })),
});
export type ApprovalStageReport = z.infer<typeof ApprovalStageReportSchema>;

/** The approval chain of the caller's kabupaten in figures, for the regency officials' dashboard. Read-only. */
export const ReportApprovalStages = defineRequest('approvals.reporting.stages', {
  request: z.strictObject({}),
  answer: ApprovalStageReportSchema,
});
