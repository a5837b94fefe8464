import type { ApprovalStage as StageDefinition, ChainStatus, ProposalCategory, ReminderSchedule } from '@alur/contracts';

/** One submission of a proposal going through the approval chain it was submitted under. */
export interface ApprovalChain {
  proposalId: string;
  submissionNumber: number;
  programCode: string;
  programVersion: number;
  villageCode: string;
  districtCode: string;
  regencyCode: string;
  title: string;
  category: ProposalCategory;
  /** Whole rupiah. */
  requestedAmount: number;
  bkmUserId: string;
  /** The chain of the programme version it was submitted under: who decides each stage, and in how many working days. */
  stages: StageDefinition[];
  reminderSchedule: ReminderSchedule;
  status: ChainStatus;
  submittedAt: Date;
  closedAt: Date | null;
}
