import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { Actor } from '@alur/contracts';
import { FlatJson } from '../common/flat-json';
import { ProposalTimelineEntryEntity } from './proposal-timeline-entry.entity';

export interface TimelineEntryDraft {
  proposalId: string;
  /** The event (or audit record) the entry comes from; appending the same one twice adds nothing. */
  sourceEventId: string;
  occurredAt: Date;
  kind: string;
  actor: Actor | null;
  fromStatus?: string | null;
  toStatus?: string | null;
  note?: string | null;
  details?: FlatJson | null;
}

/**
 * A proposal's history: every change is written to the audit trail and shown on its timeline, in the
 * transaction of the change. Event handlers of other services' events append to the timeline too.
 */
@Injectable()
export class ProposalHistory {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async record(
    tx: EntityManager,
    change: {
      actor: Actor | null;
      action: string;
      proposalId: string;
      fromStatus?: string | null;
      toStatus?: string | null;
      before?: unknown;
      after?: unknown;
      note?: string | null;
      /** The event announcing the change, when there is one: the timeline is keyed by it. */
      eventId?: string;
      /** When the change happened, if not now: a change made on another service's event happened when that event did. */
      occurredAt?: Date;
    },
  ): Promise<void> {
    const record = await this.audit.record(tx, {
      actor: change.actor,
      action: change.action,
      entityType: 'proposal',
      entityId: change.proposalId,
      fromStatus: change.fromStatus,
      toStatus: change.toStatus,
      before: change.before,
      after: change.after,
    });
    await this.append(tx, {
      proposalId: change.proposalId,
      sourceEventId: change.eventId ?? `audit:${record.id}`,
      occurredAt: change.occurredAt ?? new Date(record.occurredAt),
      kind: change.action,
      actor: change.actor,
      fromStatus: change.fromStatus,
      toStatus: change.toStatus,
      note: change.note,
    });
  }

  async append(tx: EntityManager, entry: TimelineEntryDraft): Promise<void> {
    await tx
      .createQueryBuilder()
      .insert()
      .into(ProposalTimelineEntryEntity)
      .values({
        proposalId: entry.proposalId,
        sourceEventId: entry.sourceEventId,
        occurredAt: entry.occurredAt,
        kind: entry.kind,
        actor: entry.actor,
        fromStatus: entry.fromStatus ?? null,
        toStatus: entry.toStatus ?? null,
        note: entry.note ?? null,
        details: entry.details ?? null,
      })
      .orIgnore()
      .execute();
  }

  timeline(proposalId: string, manager: EntityManager = this.dataSource.manager): Promise<ProposalTimelineEntryEntity[]> {
    return manager.find(ProposalTimelineEntryEntity, { where: { proposalId }, order: { occurredAt: 'ASC', id: 'ASC' } });
  }
}
