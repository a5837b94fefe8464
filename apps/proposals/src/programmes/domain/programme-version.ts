import type {
  ApprovalStage,
  EligibleRegions,
  ProgrammeDefinition,
  ProgrammeVersionStatus,
  ProposalCategory,
  ReminderSchedule,
  RequiredDocument,
  Tranche,
} from '@alur/contracts';

export type { ProgrammeVersionStatus };

/** One version of a programme; a PUBLISHED version never changes. Amounts in whole rupiah. */
export interface ProgrammeVersion {
  code: string;
  version: number;
  status: ProgrammeVersionStatus;
  name: string;
  fiscalYear: number;
  eligibleRegions: EligibleRegions;
  maxRequestedAmount: number;
  minSelfHelpShareBp: number;
  categories: ProposalCategory[];
  approvalChain: ApprovalStage[];
  reminderSchedule: ReminderSchedule;
  tranchePlan: Tranche[];
  ceilingRegionLevel: 'village' | 'district' | 'regency';
  ceilingAmount: number;
  requiredDocuments: RequiredDocument[];
  progressPhotosRequired: boolean;
  createdAt: Date;
  createdBy: string | null;
  publishedAt: Date | null;
  publishedBy: string | null;
}

/** A version not yet stored: the database numbers nothing, but stamps its creation time. */
export type NewProgrammeVersion = Omit<ProgrammeVersion, 'createdAt'>;

/** The rules a version sets for the proposals written under it, as the other services learn them. */
export function programmeDefinition(programme: ProgrammeVersion): ProgrammeDefinition {
  return {
    code: programme.code,
    version: programme.version,
    name: programme.name,
    fiscalYear: programme.fiscalYear,
    eligibleRegions: programme.eligibleRegions,
    maxRequestedAmount: programme.maxRequestedAmount,
    minSelfHelpShareBp: programme.minSelfHelpShareBp,
    categories: programme.categories,
    approvalChain: programme.approvalChain,
    reminderSchedule: programme.reminderSchedule,
    tranchePlan: programme.tranchePlan,
    budgetCeiling: { regionLevel: programme.ceilingRegionLevel, amount: programme.ceilingAmount },
    requiredDocuments: programme.requiredDocuments,
    progressPhotosRequired: programme.progressPhotosRequired,
  };
}
