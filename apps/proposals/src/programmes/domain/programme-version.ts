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
import type { ProgrammeDraftInput } from './programme-rules';

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

/** A checked draft as its version is first stored: numbered after the programme's last one, not yet published. */
export function draftVersionOf(draft: ProgrammeDraftInput, version: number, createdBy: string | null): NewProgrammeVersion {
  return {
    code: draft.code,
    version,
    status: 'DRAFT',
    name: draft.name,
    fiscalYear: draft.fiscalYear,
    eligibleRegions: draft.eligibleRegions,
    maxRequestedAmount: draft.maxRequestedAmount,
    minSelfHelpShareBp: draft.minSelfHelpShareBp,
    categories: draft.categories,
    approvalChain: draft.approvalChain,
    reminderSchedule: draft.reminderSchedule,
    tranchePlan: draft.tranchePlan,
    ceilingRegionLevel: draft.budgetCeiling.regionLevel,
    ceilingAmount: draft.budgetCeiling.amount,
    requiredDocuments: draft.requiredDocuments ?? [],
    progressPhotosRequired: draft.progressPhotosRequired ?? false,
    createdBy,
    publishedAt: null,
    publishedBy: null,
  };
}

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
