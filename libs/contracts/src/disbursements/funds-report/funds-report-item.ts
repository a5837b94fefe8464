/** Where an approved proposal's money stands. */
export type DisbursementStatus = 'AWAITING_BUDGET' | 'FUNDING' | 'COMPLETED' | 'WITHDRAWN';

/**
 * One finally approved proposal and its money, as the disbursements service answers
 * `disbursements.reporting.funds`: no people, no SP2D numbers, only what the transparency page and
 * the dashboard show. Rupiah are integers.
 */
export interface FundsReportItem {
  proposalId: string;
  title: string;
  programCode: string;
  fiscalYear: number;
  villageCode: string;
  districtCode: string;
  regencyCode: string;
  /** The approved amount. */
  amount: number;
  /** The approved amount once it is committed against its ceiling (pagu); 0 while it waits for budget. */
  committed: number;
  released: number;
  status: DisbursementStatus;
  /** The highest physical progress reported, in percent; null before the first report. */
  progressPercent: number | null;
  approvedAt: string;
}
