import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { EventEnvelope } from '@alur/contracts';
import { EventNotReadyError } from '@alur/messaging';
import { FlatJson } from '../common/flat-json';
import { canTransition, ProposalStatus } from '../proposals/domain/proposal-status';
import { ProposalHistory } from '../proposals/proposal-history.service';
import { ProposalEntity } from '../proposals/proposal.entity';

/** The statuses the disbursements service's events move a proposal to. */
export type FundingStatus = 'AWAITING_BUDGET' | 'FUNDING' | 'COMPLETED';

/** Where a proposal waits for the event that would let it move on: a later event waits (without spending attempts) rather than being lost. */
const NOT_YET: Record<FundingStatus, readonly ProposalStatus[]> = {
  AWAITING_BUDGET: ['SUBMITTED', 'IN_REVIEW'],
  FUNDING: ['SUBMITTED', 'IN_REVIEW'],
  COMPLETED: ['SUBMITTED', 'IN_REVIEW', 'APPROVED', 'AWAITING_BUDGET'],
};

export interface FundingChange {
  kind: string;
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
    private readonly history: ProposalHistory,
    private readonly audit: AuditTrail,
  ) {}

  async execute(tx: EntityManager, event: EventEnvelope<{ proposalId: string }>, change: FundingChange): Promise<void> {
    const proposal = await tx.findOne(ProposalEntity, { where: { id: event.payload.proposalId }, lock: { mode: 'pessimistic_write' } });
    if (!proposal) {
      this.logger.warn(
        { eventId: event.id, proposalId: event.payload.proposalId, kind: change.kind },
        'Funding event for an unknown proposal',
      );
      return;
    }
    const toStatus = change.toStatus;
    if (!toStatus || proposal.status === toStatus || !canTransition(proposal.status, toStatus)) {
      if (toStatus && NOT_YET[toStatus].includes(proposal.status)) {
        throw new EventNotReadyError(`proposal ${proposal.id}, now ${proposal.status}, to be able to become ${toStatus} (${change.kind})`);
      }
      if (toStatus && proposal.status !== toStatus) {
        this.logger.warn(
          { proposalId: proposal.id, status: proposal.status, kind: change.kind },
          'Funding event does not fit the proposal’s status',
        );
      }
      await this.appendToTimeline(tx, event, change);
      return;
    }
    const fromStatus = proposal.status;
    await tx.update(ProposalEntity, { id: proposal.id }, { status: toStatus, version: proposal.version + 1, updatedAt: new Date() });
    await this.audit.record(tx, {
      actor: event.actor,
      action: change.kind,
      entityType: 'proposal',
      entityId: proposal.id,
      fromStatus,
      toStatus,
      before: { status: fromStatus },
      after: { status: toStatus, ...change.details },
    });
    await this.appendToTimeline(tx, event, change, { fromStatus, toStatus });
  }

  /** Entries carry the time of the event, not of its handling, so the timeline keeps the order things happened in. */
  private appendToTimeline(
    tx: EntityManager,
    event: EventEnvelope<{ proposalId: string }>,
    change: FundingChange,
    move: { fromStatus?: ProposalStatus; toStatus?: ProposalStatus } = {},
  ): Promise<void> {
    return this.history.append(tx, {
      proposalId: event.payload.proposalId,
      sourceEventId: event.id,
      occurredAt: new Date(event.occurredAt),
      kind: change.kind,
      actor: event.actor,
      fromStatus: move.fromStatus ?? null,
      toStatus: move.toStatus ?? null,
      note: change.note,
      details: change.details,
    });
  }
}
