import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  ApprovalStageDecidedPayload,
  ApprovalStageEscalatedPayload,
  ApprovalStageOpenedPayload,
  EventEnvelope,
  ProposalApprovedPayload,
  ProposalRejectedPayload,
  ProposalReturnedPayload,
  ProposalTimelineKind,
  ReviewWithdrawnPayload,
} from '@alur/contracts';
import { RidingStatement } from '@alur/database';
import { FlatJson } from '../../proposals/domain/flat-json';
import { Proposal } from '../../proposals/domain/proposal';
import { canTransition, ProposalStatus } from '../../proposals/domain/proposal-status';
import { ProposalHistory } from '../../proposals/proposal-history.service';
import { ProposalRepository } from '../../proposals/proposal.repository';
import { WithdrawProposalUseCase } from '../../proposals/use-cases/withdraw-proposal.use-case';

/**
 * Keeps a proposal's status, current stage and timeline in step with the approvals service's
 * events. An event of an earlier submission (the proposal was returned and resubmitted since) only
 * leaves a trace on the timeline; a move the status table does not allow (a withdrawal crossed a
 * decision) is written to the timeline and logged, never forced.
 */
@Injectable()
export class FollowReviewUseCase {
  private readonly logger = new Logger(FollowReviewUseCase.name);

  constructor(
    private readonly proposals: ProposalRepository,
    private readonly history: ProposalHistory,
    private readonly withdrawal: WithdrawProposalUseCase,
  ) {}

  async stageOpened(tx: EntityManager, event: EventEnvelope<ApprovalStageOpenedPayload>): Promise<void> {
    const p = event.payload;
    const currentStage: FlatJson = {
      stageId: p.stageId,
      order: p.stageOrder,
      count: p.stageCount,
      role: p.role,
      regionLevel: p.regionLevel,
      regionCode: p.regionCode,
      openedAt: p.openedAt,
      dueAt: p.dueAt,
    };
    const proposal = await this.current(tx, p.proposalId, p.submissionNumber);
    if (proposal && (proposal.status === 'IN_REVIEW' || canTransition(proposal.status, 'IN_REVIEW'))) {
      await this.move(tx, event, proposal, 'IN_REVIEW', 'approval.stage-opened', { currentStage, note: null, details: currentStage });
      return;
    }
    await this.trace(tx, event, 'approval.stage-opened', null, currentStage);
  }

  async stageDecided(tx: EntityManager, event: EventEnvelope<ApprovalStageDecidedPayload>): Promise<void> {
    const p = event.payload;
    await this.trace(tx, event, 'approval.stage-decided', p.note, {
      stageId: p.stageId,
      order: p.stageOrder,
      role: p.role,
      decision: p.decision,
      decidedBy: p.decidedBy.username,
      actingFor: p.decidedBy.actingFor?.username ?? null,
      overdue: p.overdue,
    });
  }

  async stageEscalated(tx: EntityManager, event: EventEnvelope<ApprovalStageEscalatedPayload>): Promise<void> {
    const p = event.payload;
    await this.trace(tx, event, 'approval.stage-overdue', null, {
      stageId: p.stageId,
      order: p.stageOrder,
      role: p.role,
      dueAt: p.dueAt,
      escalatedToRole: p.escalatedTo?.role ?? null,
    });
  }

  approved(tx: EntityManager, event: EventEnvelope<ProposalApprovedPayload>): Promise<void> {
    return this.close(tx, event, event.payload.proposalId, event.payload.submissionNumber, 'APPROVED', 'proposal.approved', null);
  }

  returned(tx: EntityManager, event: EventEnvelope<ProposalReturnedPayload>): Promise<void> {
    return this.close(
      tx,
      event,
      event.payload.proposalId,
      event.payload.submissionNumber,
      'RETURNED',
      'proposal.returned',
      event.payload.note,
    );
  }

  rejected(tx: EntityManager, event: EventEnvelope<ProposalRejectedPayload>): Promise<void> {
    return this.close(
      tx,
      event,
      event.payload.proposalId,
      event.payload.submissionNumber,
      'REJECTED',
      'proposal.rejected',
      event.payload.reason,
    );
  }

  /**
   * The approvals service accepted the BKM's withdrawal. The gateway usually withdrew the proposal
   * already, right after; this completes it when that second step has not come yet (it is on its way,
   * or a crash came in between). Either way the history says the waiting stage was cancelled.
   */
  async withdrawn(tx: EntityManager, event: EventEnvelope<ReviewWithdrawnPayload>): Promise<void> {
    const p = event.payload;
    const proposal = await this.current(tx, p.proposalId, p.submissionNumber);
    if (proposal && canTransition(proposal.status, 'WITHDRAWN')) await this.withdrawal.withdrawLocked(tx, proposal, event.actor, p.reason);
    await this.trace(tx, event, 'approval.review-withdrawn', p.reason, { submissionNumber: p.submissionNumber });
  }

  /** The chain ended: the proposal leaves review, with no stage open. */
  private async close(
    tx: EntityManager,
    event: EventEnvelope<{ proposalId: string }>,
    proposalId: string,
    submissionNumber: number,
    to: ProposalStatus,
    action: ProposalTimelineKind,
    note: string | null,
  ): Promise<void> {
    const proposal = await this.current(tx, proposalId, submissionNumber);
    if (proposal && canTransition(proposal.status, to)) {
      await this.move(tx, event, proposal, to, action, { currentStage: null, note, details: null });
      return;
    }
    if (proposal)
      this.logger.warn({ proposalId, status: proposal.status, to }, 'Review outcome arrived for a proposal that can no longer take it');
    await this.trace(tx, event, action, note, { applied: false });
  }

  /** The proposal, locked, if the event is about its current submission. */
  private async current(tx: EntityManager, proposalId: string, submissionNumber: number): Promise<Proposal | null> {
    const proposal = await this.proposals.find(tx, proposalId, { forUpdate: true });
    return proposal && proposal.submissionNumber === submissionNumber ? proposal : null;
  }

  private async move(
    tx: EntityManager,
    event: EventEnvelope<{ proposalId: string }>,
    proposal: Proposal,
    to: ProposalStatus,
    action: ProposalTimelineKind,
    change: { currentStage: FlatJson | null; note: string | null; details: FlatJson | null },
  ): Promise<void> {
    const from = proposal.status;
    // The proposal's row rides on the round trip of its timeline entry or audit record.
    const moving = this.proposals.updating(tx, proposal.id, {
      status: to,
      currentStage: change.currentStage,
      version: proposal.version + 1,
      updatedAt: new Date(),
    });
    if (from === to) {
      await this.trace(tx, event, action, change.note, change.details, moving);
      return;
    }
    await this.history.record(
      tx,
      {
        actor: event.actor,
        action,
        proposalId: proposal.id,
        fromStatus: from,
        toStatus: to,
        before: { status: from, currentStage: proposal.currentStage },
        after: { status: to, currentStage: change.currentStage },
        note: change.note,
        details: change.details,
        eventId: event.id,
        // The timeline keeps the order things happened in, not the order their events were handled in.
        occurredAt: new Date(event.occurredAt),
      },
      moving,
    );
  }

  /** A timeline entry without a status change. */
  private trace(
    tx: EntityManager,
    event: EventEnvelope<{ proposalId: string }>,
    kind: ProposalTimelineKind,
    note: string | null,
    details: FlatJson | null,
    alongside?: RidingStatement,
  ) {
    return this.history.append(
      tx,
      {
        proposalId: event.payload.proposalId,
        sourceEventId: event.id,
        occurredAt: new Date(event.occurredAt),
        kind,
        actor: event.actor,
        note,
        details,
      },
      alongside,
    );
  }
}
