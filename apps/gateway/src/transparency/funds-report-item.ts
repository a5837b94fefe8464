/** One approved proposal and its money as the disbursements service reports it (`disbursements.reporting.funds`). */
export interface FundsReportItem {
  proposalId: string;
  title: string;
  programCode: string;
  fiscalYear: number;
  villageCode: string;
  districtCode: string;
  regencyCode: string;
  amount: number;
  committed: number;
  released: number;
  status: 'AWAITING_BUDGET' | 'FUNDING' | 'COMPLETED';
  progressPercent: number | null;
  approvedAt: string;
}
