import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { AuditEntry } from '@alur/audit';
import type { Actor, EventContract, EventEnvelope, PayloadOf } from '@alur/contracts';
import type { EventDraft } from '@alur/messaging';
import { TimerAlarm, TimerKey } from '../timers/domain/stage-timer';

/**
 * Stand-ins for what surrounds the use cases in unit tests: the outbox, the audit trail, work after
 * commit and the BullMQ alarms. Each records what it was asked to do, so that a test can say what a
 * user would have been told.
 */

/** Hands a stand-in to a constructor that wants the real class: it has the methods the code calls, and a missing one fails the test loudly. */
export const standIn = <T>(fake: object): T => fake as T;

/** An event as announced: its type, aggregate, who caused it and its payload. */
export interface AnnouncedEvent {
  type: string;
  aggregateId: string;
  actor: Actor | null | undefined;
  payload: unknown;
}

/**
 * The outbox: keeps the events announced, each checked against its contract as the real outbox checks it,
 * and answers with the event's envelope as the real outbox does (ChangeRecorder audits under its actor;
 * there is no request context here, so an event announced without one is the system's).
 */
export class RecordingOutbox {
  readonly events: AnnouncedEvent[] = [];

  async record<C extends EventContract>(_tx: EntityManager, contract: C, draft: EventDraft<C>): Promise<EventEnvelope<PayloadOf<C>>> {
    const payload = contract.schema.parse(draft.payload) as PayloadOf<C>;
    this.events.push({ type: contract.type, aggregateId: draft.aggregateId, actor: draft.actor, payload });
    return {
      id: randomUUID(),
      type: contract.type,
      version: contract.version,
      occurredAt: new Date().toISOString(),
      aggregateType: contract.aggregateType,
      aggregateId: draft.aggregateId,
      actor: draft.actor !== undefined ? draft.actor : null,
      correlationId: randomUUID(),
      payload,
    };
  }

  /** What was announced about one aggregate, in order. */
  of(aggregateId: string): AnnouncedEvent[] {
    return this.events.filter((event) => event.aggregateId === aggregateId);
  }
}

/** The audit trail: keeps each entry recorded. */
export class RecordingAudit {
  readonly entries: AuditEntry[] = [];

  async record(_tx: EntityManager, entry: AuditEntry): Promise<void> {
    this.entries.push(entry);
  }
}

/** Work that waits for the commit; `commit()` stands for the commit and runs it. */
export class PendingAfterCommit {
  private tasks: Array<() => Promise<unknown>> = [];

  run(_tx: EntityManager, task: () => Promise<unknown>): void {
    this.tasks.push(task);
  }

  async commit(): Promise<void> {
    for (const task of this.tasks.splice(0)) await task();
  }
}

/** The BullMQ alarms of stage timers: the ones set and the ones cleared. */
export class RecordingScheduler {
  readonly scheduled: TimerAlarm[] = [];
  readonly cancelled: TimerKey[] = [];

  async schedule(alarms: readonly TimerAlarm[]): Promise<void> {
    this.scheduled.push(...alarms);
  }

  async cancel(alarms: readonly TimerKey[]): Promise<void> {
    this.cancelled.push(...alarms.map(({ stageId, kind, generation }) => ({ stageId, kind, generation })));
  }

  /** The alarms set and not cleared since. */
  pending(): TimerAlarm[] {
    return this.scheduled.filter((alarm) => !this.cancelled.some((c) => c.stageId === alarm.stageId && c.kind === alarm.kind));
  }
}
