import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { Actor, ProposalTimelineKind } from '@alur/contracts';
import { RidingStatement } from '@alur/database';
import { TimelineEntryDraft } from './domain/proposal';
import { FlatJson } from './domain/flat-json';
import { ProposalRepository } from './proposal.repository';

/**
 * A proposal's history: every change is written to the audit trail and shown on its timeline, in the
 * transaction of the change. Event handlers of other services' events append to the timeline too.
 */
@Injectable()
export class ProposalHistory {
  constructor(
    private readonly proposals: ProposalRepository,
    private readonly audit: AuditTrail,
  ) {}

  async record(
    tx: EntityManager,
    change: {
      actor: Actor | null;
      action: ProposalTimelineKind;
      proposalId: string;
      fromStatus?: string | null;
      toStatus?: string | null;
      before?: unknown;
      after?: unknown;
      note?: string | null;
      /** What the timeline entry shows besides the status, e.g. the stage a review moved to. */
      details?: FlatJson | null;
      /** The event announcing the change, when there is one: the timeline is keyed by it. */
      eventId?: string;
      /** When the change happened, if not now: a change made on another service's event happened when that event did. */
      occurredAt?: Date;
    },
    /** The change itself, to ride on the audit trail's first round trip. */
    alongside?: RidingStatement,
  ): Promise<void> {
    const entry = {
      actor: change.actor,
      action: change.action,
      entityType: 'proposal',
      entityId: change.proposalId,
      fromStatus: change.fromStatus,
      toStatus: change.toStatus,
      before: change.before,
      after: change.after,
    };
    // The timeline entry rides on the audit record's insert: one round trip for both.
    await this.audit.record(tx, entry, alongside, (record) =>
      this.proposals.appendingTimelineEntry({
        proposalId: change.proposalId,
        sourceEventId: change.eventId ?? `audit:${record.id}`,
        occurredAt: change.occurredAt ?? new Date(record.occurredAt),
        kind: change.action,
        actor: change.actor,
        fromStatus: change.fromStatus,
        toStatus: change.toStatus,
        note: change.note,
        details: change.details,
      }),
    );
  }

  /**
   * A timeline entry without an audit record: what another service's event shows of a proposal it did not
   * change here, or did not change in status (`alongside`, the change, rides on the entry's round trip).
   */
  append(tx: EntityManager, entry: TimelineEntryDraft, alongside?: RidingStatement): Promise<void> {
    return this.proposals.appendTimelineEntry(tx, entry, alongside);
  }
}
