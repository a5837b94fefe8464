import type { Actor, BankAccount, ProposalCategory, ProposalDocument, ProposalTimelineKind } from '@alur/contracts';
import type { FlatJson } from './flat-json';
import type { ProposalStatus } from './proposal-status';

/** A proposal (usulan) of a BKM for its village; the budget figures are always the server's own. */
export interface Proposal {
  id: string;
  programCode: string;
  programVersion: number;
  villageCode: string;
  districtCode: string;
  regencyCode: string;
  title: string;
  category: ProposalCategory | null;
  description: string | null;
  executorGroup: string | null;
  households: number | null;
  poorHouseholds: number | null;
  budgetTotal: number;
  selfHelpAmount: number;
  requestedAmount: number;
  selfHelpShareBp: number;
  status: ProposalStatus;
  /** Optimistic concurrency: an edit names the version it was made from. */
  version: number;
  submissionNumber: number;
  /** The approval stage open now, as the approvals service's events describe it. */
  currentStage: FlatJson | null;
  documents: ProposalDocument[];
  /** The BKM's account the grant is paid into; null until the BKM names it. */
  payeeAccount: BankAccount | null;
  bkmUserId: string;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
}

/** What a change writes: any of the proposal's fields but its id. */
export type ProposalChanges = Partial<Omit<Proposal, 'id'>>;

/** One thing that happened to a proposal, from its own changes or from another service's event. */
export interface TimelineEntry {
  occurredAt: Date;
  kind: string;
  actor: Actor | null;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  details: FlatJson | null;
}

/** A timeline entry to append. */
export interface TimelineEntryDraft {
  proposalId: string;
  /** The event (or audit record) the entry comes from; appending the same one twice adds nothing. */
  sourceEventId: string;
  occurredAt: Date;
  kind: ProposalTimelineKind;
  actor: Actor | null;
  fromStatus?: string | null;
  toStatus?: string | null;
  note?: string | null;
  details?: FlatJson | null;
}

/** A submitted proposal as the pilot evaluation counts it. */
export interface SubmittedProposalOutcome {
  villageCode: string;
  status: ProposalStatus;
  /** Returned to the BKM at least once. */
  returnedOnce: boolean;
}
