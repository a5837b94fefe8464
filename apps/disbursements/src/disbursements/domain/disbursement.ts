import type { DisbursementStatus, StageDecision } from '@alur/contracts';

export type { DisbursementStatus };

/** An approved proposal's money: what it was approved for, what was released of it, and where it stands. */
export interface Disbursement {
  id: string;
  proposalId: string;
  programCode: string;
  programVersion: number;
  fiscalYear: number;
  ceilingRegionCode: string;
  villageCode: string;
  districtCode: string;
  regencyCode: string;
  title: string;
  /** Whole rupiah. */
  amount: number;
  /** Whole rupiah. */
  released: number;
  status: DisbursementStatus;
  approvedAt: Date;
  committedAt: Date | null;
  completedAt: Date | null;
  /** Who decided the proposal's approval stages; empty if the approval was announced without them. */
  stageDecisions: StageDecision[];
}
