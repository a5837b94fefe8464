import { z } from 'zod';

/** Where an approved proposal's money stands. */
export const DISBURSEMENT_STATUSES = ['AWAITING_BUDGET', 'FUNDING', 'COMPLETED', 'WITHDRAWN'] as const;
export type DisbursementStatus = (typeof DISBURSEMENT_STATUSES)[number];

/**
 * One finally approved proposal and its money, as the disbursements service answers
 * `disbursements.reporting.funds`: no people, no SP2D numbers, only what the transparency page and
 * the dashboard show. Rupiah are integers.
 */
export const FundsReportItemSchema = z.object({
  proposalId: z.string(),
  title: z.string(),
  programCode: z.string(),
  /** The programme's name, of its latest version (e.g. "KOTAKU (Kota Tanpa Kumuh) 2026"). */
  programmeName: z.string(),
  fiscalYear: z.number().int(),
  villageCode: z.string(),
  districtCode: z.string(),
  regencyCode: z.string(),
  /** The approved amount. */
  amount: z.number().int(),
  /** The approved amount once it is committed against its ceiling (pagu); 0 while it waits for budget. */
  committed: z.number().int(),
  released: z.number().int(),
  status: z.enum(DISBURSEMENT_STATUSES),
  /** The highest physical progress reported, in percent; null before the first report. */
  progressPercent: z.number().int().nullable(),
  approvedAt: z.iso.datetime(),
});
export type FundsReportItem = z.infer<typeof FundsReportItemSchema>;
