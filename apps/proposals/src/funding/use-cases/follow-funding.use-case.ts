import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { EventEnvelope, ProposalTimelineKind } from '@alur/contracts';
import { EventNotReadyError } from '@alur/messaging';
import { FlatJson } from '../../proposals/domain/flat-json';
import { TimelineEntryDraft } from '../../proposals/domain/proposal';
import { canTransition, ProposalStatus } from '../../proposals/domain/proposal-status';
import { ProposalHistory } from '../../proposals/proposal-history.service';
import { ProposalRepository } from '../../proposals/proposal.repository';
import { FundingStatus, isTooEarlyFor } from '../domain/funding-status';

export interface FundingChange {
  kind: ProposalTimelineKind;
  note: string;
  details: FlatJson;
  /** The status the event moves the proposal to; none for events that only add to the timeline. */
  toStatus?: FundingStatus;
}

/**
 * Follows the disbursements service's events on a proposal: its status (AWAITING_BUDGET when it does
 * not fit its ceiling, FUNDING once the budget is committed, COMPLETED at the end) and its timeline. Each event adds one timeline entry, keyed by the
 * event id, so an event handled again adds nothing.
 */
@Injectable()
export class FollowFundingUseCase {
  private readonly logger = new Logger(FollowFundingUseCase.name);

  constructor(
    private readonly proposals: ProposalRepository,
    private readonly history: ProposalHistory,
    private readonly audit: AuditTrail,
  ) {}

  async execute(tx: EntityManager, event: EventEnvelope<{ proposalId: string }>, change: FundingChange): Promise<void> {
    const toStatus = change.toStatus;
    // Only a timeline entry (a tranche ready or released, a progress report): the proposal is neither read nor locked.
    if (!toStatus) {
      if (!(await this.proposals.appendTimelineEntryIfKnown(tx, this.timelineEntry(event, change)))) this.unknownProposal(event, change);
      return;
    }
    const proposal = await this.proposals.find(tx, event.payload.proposalId, { forUpdate: true });
    if (!proposal) return this.unknownProposal(event, change);
    if (proposal.status === toStatus || !canTransition(proposal.status, toStatus)) {
      if (isTooEarlyFor(toStatus, proposal.status)) {
        throw new EventNotReadyError(`proposal ${proposal.id}, now ${proposal.status}, to be able to become ${toStatus} (${change.kind})`);
      }
      if (proposal.status !== toStatus) {
        this.logger.warn(
          { proposalId: proposal.id, status: proposal.status, kind: change.kind },
          'Funding event does not fit the proposal’s status',
        );
      }
      await this.appendToTimeline(tx, event, change);
      return;
    }
    const fromStatus = proposal.status;
    // The proposal's row and its timeline entry ride on the audit record's round trip (its current stage,
    // held under the row lock taken above, is written back as it is).
    const moving = this.proposals.updating(tx, proposal.id, {
      status: toStatus,
      currentStage: proposal.currentStage,
      version: proposal.version + 1,
      updatedAt: new Date(),
    });
    await this.audit.record(
      tx,
      {
        actor: event.actor,
        action: change.kind,
        entityType: 'proposal',
        entityId: proposal.id,
        fromStatus,
        toStatus,
        before: { status: fromStatus },
        after: { status: toStatus, ...change.details },
      },
      moving,
      () => this.proposals.appendingTimelineEntry(this.timelineEntry(event, change, { fromStatus, toStatus })),
    );
  }

  private unknownProposal(event: EventEnvelope<{ proposalId: string }>, change: FundingChange): void {
    this.logger.warn(
      { eventId: event.id, proposalId: event.payload.proposalId, kind: change.kind },
      'Funding event for an unknown proposal',
    );
  }

  private appendToTimeline(tx: EntityManager, event: EventEnvelope<{ proposalId: string }>, change: FundingChange): Promise<void> {
    return this.history.append(tx, this.timelineEntry(event, change));
  }

  /** Entries carry the time of the event, not of its handling, so the timeline keeps the order things happened in. */
  private timelineEntry(
    event: EventEnvelope<{ proposalId: string }>,
    change: FundingChange,
    move: { fromStatus?: ProposalStatus; toStatus?: ProposalStatus } = {},
  ): TimelineEntryDraft {
    return {
      proposalId: event.payload.proposalId,
      sourceEventId: event.id,
      occurredAt: new Date(event.occurredAt),
      kind: change.kind,
      actor: event.actor,
      fromStatus: move.fromStatus ?? null,
      toStatus: move.toStatus ?? null,
      note: change.note,
      details: change.details,
    };
  }
}
