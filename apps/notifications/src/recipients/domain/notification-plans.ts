import {
  ActingAppointmentMadePayload,
  ApprovalReminderDuePayload,
  ApprovalStageDecidedPayload,
  ApprovalStageEscalatedPayload,
  ApprovalStageOpenedPayload,
  ApprovalStageRef,
  BudgetCommittedPayload,
  ProposalApprovedPayload,
  ProposalAwaitingBudgetPayload,
  ProposalCompletedPayload,
  ProposalRejectedPayload,
  ProposalReturnedPayload,
  ProposalSubmittedPayload,
  ProposalWithdrawnPayload,
  ProgressReportVerifiedPayload,
  ProgressReportedPayload,
  SpmReturnedPayload,
  TranchePreparedPayload,
  TrancheReadyPayload,
  TrancheReleasedPayload,
  peopleBehind,
} from '@alur/contracts';
import { Audience } from './audience';
import { PlannedNotification } from './planned-notification';

/**
 * Who hears what, one pure function per event: the BKM of the proposal's village, the officials who
 * must decide (role and region of the stage), the official above on escalation, and BPKAD of the
 * regency for money matters. Acting officials are added when audiences are resolved to users.
 */
const bkmOf = (villageCode: string): Audience => ({ role: 'BKM', regionCode: villageCode });
const decidersOf = (stage: ApprovalStageRef): Audience => ({ role: stage.role, regionCode: stage.regionCode });
const stageFacts = (stage: ApprovalStageRef) => ({
  role: stage.role,
  stageOrder: stage.stageOrder,
  stageCount: stage.stageCount,
  programCode: stage.programCode,
});
const aboutStage = (stage: ApprovalStageRef) => ({ proposalId: stage.proposalId, title: stage.title, villageCode: stage.villageCode });
type TrancheRef = Pick<TrancheReadyPayload, 'proposalId' | 'villageCode' | 'trancheNumber' | 'trancheCount'>;
const aboutDisbursement = (p: Pick<TrancheRef, 'proposalId' | 'villageCode'>) => ({
  proposalId: p.proposalId,
  title: null,
  villageCode: p.villageCode,
});
const trancheFacts = (p: TrancheRef) => ({ trancheNumber: p.trancheNumber, trancheCount: p.trancheCount });
const bpkadOf = (villageCode: string, regencyOf: RegencyOf): Audience => ({ role: 'BPKAD', regionCode: regencyOf(villageCode) });
type ProgressRef = Pick<ProgressReportedPayload, 'physicalProgressPercent' | 'amountSpent' | 'final'>;
const progressFacts = (p: ProgressRef) => ({
  physicalProgressPercent: p.physicalProgressPercent,
  amountSpent: p.amountSpent,
  final: p.final,
});

/** Finds a village's kabupaten, whose BPKAD releases its money. */
export type RegencyOf = (villageCode: string) => string;
/** Finds a village's kecamatan, whose field verifiers check its progress on site. */
export type DistrictOf = (villageCode: string) => string;

export function planProposalSubmitted(p: ProposalSubmittedPayload): PlannedNotification[] {
  return [
    {
      kind: 'PROPOSAL_SUBMITTED',
      audiences: [bkmOf(p.villageCode)],
      proposalId: p.proposalId,
      title: p.title,
      villageCode: p.villageCode,
      programCode: p.programCode,
      facts: {
        budgetTotal: p.budgetTotal,
        selfHelpAmount: p.selfHelpAmount,
        requestedAmount: p.requestedAmount,
        submissionNumber: p.submissionNumber,
        resubmitted: p.submissionNumber > 1,
      },
    },
  ];
}

/** `openStage` is the stage that was waiting for a decision, if any: its officials no longer need to act. */
export function planProposalWithdrawn(p: ProposalWithdrawnPayload, openStage: Audience | null): PlannedNotification[] {
  return [
    {
      kind: 'PROPOSAL_WITHDRAWN',
      audiences: openStage ? [bkmOf(p.villageCode), openStage] : [bkmOf(p.villageCode)],
      proposalId: p.proposalId,
      title: null,
      villageCode: p.villageCode,
      facts: { reason: p.reason, fromStatus: p.fromStatus },
    },
  ];
}

export function planStageOpened(p: ApprovalStageOpenedPayload): PlannedNotification[] {
  return [
    {
      kind: 'STAGE_OPENED',
      audiences: [decidersOf(p)],
      ...aboutStage(p),
      facts: { ...stageFacts(p), openedAt: p.openedAt, dueAt: p.dueAt, submissionNumber: p.submissionNumber },
    },
  ];
}

/**
 * The BKM hears of each approved stage but the last: ProposalApproved follows that one, and one
 * message says it better than two. Returns and rejections have their own events.
 */
export function planStageDecided(p: ApprovalStageDecidedPayload): PlannedNotification[] {
  if (p.decision !== 'APPROVE' || p.stageOrder >= p.stageCount) return [];
  return [
    {
      kind: 'STAGE_APPROVED',
      audiences: [bkmOf(p.villageCode)],
      ...aboutStage(p),
      facts: { ...stageFacts(p), decidedAt: p.decidedAt, note: p.note },
    },
  ];
}

export function planProposalReturned(p: ProposalReturnedPayload): PlannedNotification[] {
  return [
    {
      kind: 'PROPOSAL_RETURNED',
      audiences: [bkmOf(p.villageCode)],
      ...aboutStage(p),
      facts: { ...stageFacts(p), note: p.note, returnedAt: p.returnedAt },
    },
  ];
}

export function planProposalRejected(p: ProposalRejectedPayload): PlannedNotification[] {
  return [
    {
      kind: 'PROPOSAL_REJECTED',
      audiences: [bkmOf(p.villageCode)],
      ...aboutStage(p),
      facts: { ...stageFacts(p), reason: p.reason, rejectedAt: p.rejectedAt },
    },
  ];
}

export function planProposalApproved(p: ProposalApprovedPayload): PlannedNotification[] {
  return [
    {
      kind: 'PROPOSAL_APPROVED',
      audiences: [bkmOf(p.villageCode)],
      proposalId: p.proposalId,
      title: p.title,
      villageCode: p.villageCode,
      programCode: p.programCode,
      facts: { requestedAmount: p.requestedAmount, approvedAt: p.approvedAt },
    },
  ];
}

export function planReminderDue(p: ApprovalReminderDuePayload): PlannedNotification[] {
  return [
    {
      kind: 'APPROVAL_REMINDER',
      audiences: [decidersOf(p)],
      ...aboutStage(p),
      facts: { ...stageFacts(p), overdue: p.kind === 'OVERDUE', dueAt: p.dueAt },
    },
  ];
}

/** The official above is told of the overdue stage (none above the last stage); the BKM that it is delayed. */
export function planStageEscalated(p: ApprovalStageEscalatedPayload): PlannedNotification[] {
  const facts = { ...stageFacts(p), stageRegionCode: p.regionCode, dueAt: p.dueAt };
  const plans: PlannedNotification[] = [];
  if (p.escalatedTo) {
    plans.push({ kind: 'STAGE_ESCALATED', audiences: [{ ...p.escalatedTo }], ...aboutStage(p), facts });
  }
  plans.push({ kind: 'PROPOSAL_DELAYED', audiences: [bkmOf(p.villageCode)], ...aboutStage(p), facts });
  return plans;
}

export function planBudgetCommitted(p: BudgetCommittedPayload): PlannedNotification[] {
  return [
    {
      kind: 'BUDGET_COMMITTED',
      audiences: [bkmOf(p.villageCode)],
      proposalId: p.proposalId,
      title: null,
      villageCode: p.villageCode,
      facts: {
        amount: p.amount,
        fiscalYear: p.fiscalYear,
        ceilingRegionCode: p.ceilingRegionCode,
        trancheCount: p.tranches.length,
        firstTrancheAmount: p.tranches[0].amount,
        committedAt: p.committedAt,
      },
    },
  ];
}

export function planAwaitingBudget(p: ProposalAwaitingBudgetPayload, regencyOf: RegencyOf): PlannedNotification[] {
  return [
    {
      kind: 'AWAITING_BUDGET',
      audiences: [bkmOf(p.villageCode), bpkadOf(p.villageCode, regencyOf)],
      proposalId: p.proposalId,
      title: null,
      villageCode: p.villageCode,
      programCode: p.programCode,
      facts: {
        ceilingRegionCode: p.ceilingRegionCode,
        fiscalYear: p.fiscalYear,
        requestedAmount: p.requestedAmount,
        available: p.available,
      },
    },
  ];
}

export function planTrancheReady(p: TrancheReadyPayload, regencyOf: RegencyOf): PlannedNotification[] {
  return [
    {
      kind: 'TRANCHE_READY',
      audiences: [bpkadOf(p.villageCode, regencyOf)],
      ...aboutDisbursement(p),
      facts: { ...trancheFacts(p), amount: p.amount },
    },
  ];
}

/**
 * BPKAD of the regency is asked to authorise a prepared SPM, all but whoever prepared it (and the official they
 * acted for): four eyes, the disbursements service refuses them. The bank account stays out of the message, which
 * SMS, WhatsApp and e-mail carry. An SPM paying into another account than the one the BKM gave in its proposal says
 * so to them, and the BKM is told before the money goes: if it asked for no such change, it can stop it in time.
 */
export function planSpmPrepared(p: TranchePreparedPayload, regencyOf: RegencyOf): PlannedNotification[] {
  const facts = { ...trancheFacts(p), amount: p.amount, sp2dNumber: p.sp2dNumber, preparedAt: p.preparedAt };
  const toAuthorise: PlannedNotification = {
    kind: 'SPM_PREPARED',
    audiences: [bpkadOf(p.villageCode, regencyOf)],
    exceptUserIds: peopleBehind(p.preparedBy),
    ...aboutDisbursement(p),
    facts: p.accountChangeNote ? { ...facts, accountChanged: true } : facts,
  };
  if (!p.accountChangeNote) return [toAuthorise];
  return [
    toAuthorise,
    {
      kind: 'PAYEE_ACCOUNT_CHANGED',
      audiences: [bkmOf(p.villageCode)],
      ...aboutDisbursement(p),
      facts: { ...facts, reason: p.accountChangeNote },
    },
  ];
}

/** Whoever prepared a returned SPM is told, by name, why: they prepare the next one. */
export function planSpmReturned(p: SpmReturnedPayload): PlannedNotification[] {
  return [
    {
      kind: 'SPM_RETURNED',
      audiences: [],
      userIds: [p.preparedBy.userId],
      ...aboutDisbursement(p),
      facts: { ...trancheFacts(p), sp2dNumber: p.sp2dNumber, reason: p.reason, returnedAt: p.returnedAt },
    },
  ];
}

export function planTrancheReleased(p: TrancheReleasedPayload): PlannedNotification[] {
  return [
    {
      kind: 'TRANCHE_RELEASED',
      audiences: [bkmOf(p.villageCode)],
      ...aboutDisbursement(p),
      facts: { ...trancheFacts(p), amount: p.amount, sp2dNumber: p.sp2dNumber, releasedAt: p.releasedAt },
    },
  ];
}

/**
 * The field verifiers (VERIFIKATOR) of the village's kecamatan are asked to check a progress report on site.
 * Decided: the kecamatan's verifiers, not the regency-wide ones, who may verify any report of the regency but,
 * told of each, would hear of every report in it; they are asked only where the kecamatan has no verifier of its
 * own (nor one acting), so that no report waits unheard of. The message leads to the queue, `/verifikasi`, where
 * a report is accepted or sent back: the proposal's page shows the reports but decides none.
 */
export function planProgressReported(p: ProgressReportedPayload, districtOf: DistrictOf, regencyOf: RegencyOf): PlannedNotification[] {
  return [
    {
      kind: 'PROGRESS_REPORTED',
      audiences: [
        {
          role: 'VERIFIKATOR',
          regionCode: districtOf(p.villageCode),
          orElse: { role: 'VERIFIKATOR', regionCode: regencyOf(p.villageCode) },
        },
      ],
      ...aboutDisbursement(p),
      consolePath: '/verifikasi',
      facts: { ...progressFacts(p), reportedAt: p.reportedAt },
    },
  ];
}

/** The BKM is told whether its report was accepted or sent back, with the verifier's note: a report sent back is made again. */
export function planProgressVerified(p: ProgressReportVerifiedPayload): PlannedNotification[] {
  return [
    {
      kind: p.decision === 'ACCEPTED' ? 'PROGRESS_ACCEPTED' : 'PROGRESS_SENT_BACK',
      audiences: [bkmOf(p.villageCode)],
      ...aboutDisbursement(p),
      facts: { ...progressFacts(p), note: p.note, verifiedAt: p.verifiedAt },
    },
  ];
}

export function planProposalCompleted(p: ProposalCompletedPayload): PlannedNotification[] {
  return [
    {
      kind: 'PROPOSAL_COMPLETED',
      audiences: [bkmOf(p.villageCode)],
      proposalId: p.proposalId,
      title: null,
      villageCode: p.villageCode,
      facts: { totalReleased: p.totalReleased, completedAt: p.completedAt },
    },
  ];
}

/** The proposals waiting for the post's decision when a Plt is appointed, longest waiting first, as far as the message lists them. */
export interface AwaitingProposals {
  /** All of them, listed or not. */
  count: number;
  items: ReadonlyArray<{ title: string; villageName: string }>;
}

/**
 * The official appointed to act is told, by name, for whom, over what and for how long; the link leads to their
 * inbox. An appointment already in force names the proposals waiting for the post: a stage that opened just
 * before the appointment reached the directory was told to the absent official only.
 */
export function planActingAppointmentMade(
  p: ActingAppointmentMadePayload,
  actingForName: string,
  awaiting: AwaitingProposals = { count: 0, items: [] },
): PlannedNotification[] {
  return [
    {
      kind: 'ACTING_APPOINTMENT',
      audiences: [],
      userIds: [p.acting.userId],
      proposalId: null,
      consolePath: '/kotak-masuk',
      title: null,
      villageCode: p.regionCode,
      facts: {
        role: p.role,
        regionCode: p.regionCode,
        actingForName,
        validFrom: p.validFrom,
        validUntil: p.validUntil,
        awaitingCount: awaiting.count,
        // Titles and village names read the same in both languages: one list serves both templates.
        awaitingList: awaiting.items.map((item) => `- ${item.title} (${item.villageName})`).join('\n'),
        awaitingMore: awaiting.count - awaiting.items.length,
      },
    },
  ];
}

/** The appointment as the directory keeps it: the acting user receives what `role` over `regionCode` would. */
export function actingAppointmentOf(p: ActingAppointmentMadePayload) {
  return {
    appointmentId: p.appointmentId,
    actingUserId: p.acting.userId,
    actingForUserId: p.actingFor.userId,
    role: p.role,
    regionCode: p.regionCode,
    validFrom: new Date(p.validFrom),
    validUntil: new Date(p.validUntil),
  };
}
