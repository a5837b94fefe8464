import type { ProposalCategory, Role, StageStatus } from '@alur/contracts';

/**
 * The shapes the gateway answers with, as far as the console reads them. Rupiah are integers. Roles,
 * categories and statuses are the services' own (@alur/contracts); so will the views be, once each
 * request's answer is declared there.
 */

export interface User {
  id: string;
  username: string;
  role: Role;
  regionCode: string;
  displayName: string;
  language: 'id' | 'en';
}

export interface LoginResult {
  accessToken: string;
  user: User;
}

export type ProposalStatus = 'DRAFT' | 'SUBMITTED' | 'IN_REVIEW' | 'RETURNED' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN' | 'FUNDING' | 'COMPLETED';

export interface ProposalSummary {
  id: string;
  programCode: string;
  programVersion: number;
  villageCode: string;
  districtCode: string;
  /** Added by the gateway from the region directory; null for a code it does not know. */
  villageName?: string | null;
  districtName?: string | null;
  title: string;
  category: ProposalCategory | null;
  budgetTotal: number;
  selfHelpAmount: number;
  requestedAmount: number;
  selfHelpShareBp: number;
  status: ProposalStatus;
  version: number;
  submissionNumber: number;
  currentStage: unknown;
  updatedAt: string;
  submittedAt: string | null;
}

export interface TimelineEntry {
  at: string;
  kind: string;
  actor: { username: string; displayName?: string; role: string; actingFor: { username: string; displayName?: string } | null } | null;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
}

export type DocumentKind = 'DED' | 'RAB' | 'SITE_PHOTO' | 'OTHER';
export const DOCUMENT_KINDS: DocumentKind[] = ['DED', 'RAB', 'SITE_PHOTO', 'OTHER'];

/** A document attached to a proposal, uploaded to the gateway first. */
export interface ProposalDocument {
  url: string;
  name: string;
  kind: DocumentKind;
}

export interface Proposal extends ProposalSummary {
  documents: ProposalDocument[];
  description: string | null;
  executorGroup: string | null;
  beneficiaries: { households: number; poorHouseholds: number } | null;
  budgetItems: Array<{ description: string; quantity: number; unit: string; unitPrice: number; amount: number }>;
  timeline?: TimelineEntry[];
  /** To officials, when the proposal was submitted more than once: what the previous submission said. */
  previousSubmission?: PreviousSubmissionContent | null;
}

/** A proposal's content as a previous submission carried it. */
export interface PreviousSubmissionContent {
  submissionNumber: number;
  submittedAt: string | null;
  title: string;
  category: string | null;
  description: string | null;
  executorGroup: string | null;
  beneficiaries: { households: number; poorHouseholds: number } | null;
  budgetItems: Array<{ description: string; quantity: number; unit: string; unitPrice: number; amount: number }>;
  budgetTotal: number;
  selfHelpAmount: number;
  requestedAmount: number;
  documents: ProposalDocument[];
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface Programme {
  code: string;
  latest: {
    code: string;
    version: number;
    name: string;
    fiscalYear: number;
    maxRequestedAmount: number;
    minSelfHelpShareBp: number;
    categories: ProposalCategory[];
    approvalChain: Array<{ role: Role; serviceLevelWorkingDays: number }>;
  } | null;
}

export interface Stage {
  stageId: string;
  proposalId: string;
  submissionNumber: number;
  stageOrder: number;
  stageCount: number;
  role: Role;
  regionCode: string;
  status: StageStatus;
  openedAt: string;
  dueAt: string;
  overdue: boolean;
  decidedAt: string | null;
  decidedBy: { username: string; displayName?: string; role: string; actingFor?: { username: string; displayName?: string } | null } | null;
  note: string | null;
  /** On an open stage the caller may decide: in person (`actingFor` null) or as Plt/Plh of that official. */
  yourDecision?: {
    actingFor: { username: string; displayName?: string; role: Role; regionCode: string; regionName: string | null } | null;
  };
}

export interface ActingAppointment {
  id: string;
  acting: { username: string };
  actingFor: { username: string; role: string; regionCode: string };
  validFrom: string;
  validUntil: string;
  active: boolean;
}

export interface Tranche {
  number: number;
  shareBp: number;
  unlockProgressPercent: number;
  amount: number;
  status: 'LOCKED' | 'READY' | 'PREPARED' | 'RELEASED' | 'CANCELLED';
  sp2dNumber: string | null;
  releasedAt: string | null;
  /** The SPM one BPKAD official prepared: waiting for another's authorisation while PREPARED. */
  spm: {
    sp2dNumber: string;
    bankAccount: { bankName: string; accountNumber: string; accountHolder: string };
    preparedBy: { userId: string; username: string };
    preparedAt: string;
  } | null;
  authorisedBy: { userId: string; username: string } | null;
}

export interface Disbursement {
  id: string;
  proposalId: string;
  title: string;
  programCode: string;
  villageCode: string;
  districtCode: string;
  amount: number;
  released: number;
  status: 'AWAITING_BUDGET' | 'FUNDING' | 'COMPLETED';
  progressPercent: number | null;
  tranches: Tranche[];
}

export interface Budget {
  programCode: string;
  fiscalYear: number;
  regionCode: string;
  regionName: string | null;
  amount: number;
  committed: number;
  released: number;
  available: number;
  waiting: { count: number; amount: number };
}

export interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  proposalId: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: Notification[];
  unreadCount: number;
  total: number;
}

export type ChannelToggles = { inApp: true; email: boolean; sms: boolean; whatsapp: boolean };
export interface Preferences {
  language: 'id' | 'en';
  digest: boolean;
  channels: Record<'STATUS' | 'TASK' | 'REMINDER' | 'FUNDS', ChannelToggles>;
  available: { email: boolean; sms: boolean; whatsapp: boolean };
}

export interface MoneyTotals {
  proposals: number;
  amount: number;
  committed: number;
  released: number;
}

export interface TransparencyReport {
  generatedAt: string;
  totals: MoneyTotals;
  districts: Array<
    MoneyTotals & {
      code: string;
      name: string;
      villages: Array<
        MoneyTotals & {
          code: string;
          name: string;
          items: Array<{ proposalId: string; title: string; programCode: string; fiscalYear: number; amount: number; committed: number; released: number; status: string; progressPercent: number | null }>;
        }
      >;
    }
  >;
}

export interface Dashboard {
  perStage: Array<{ role: Role; open: number; overdue: number; decided: number; medianDays: number | null }>;
  overdueByDistrict: Array<{ districtCode: string; name: string; overdue: number }>;
  fundsByDistrict: Array<{ districtCode: string; name: string; proposals: number; amount: number; committed: number; released: number }>;
}
