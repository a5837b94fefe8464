import { Inject, Injectable, Optional } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { EntityManager } from 'typeorm';
import { APP_ENV, BaseEnv } from '@alur/config';
import { Actor, EventContract, EventEnvelope, PayloadOf, subjectFor } from '@alur/contracts';
import { RidingStatement, runAlone } from '@alur/database';
import { CLS_ACTOR, CLS_CORRELATION_ID, currentTraceCarrier, inSpan, SpanKind, tracingEnabled } from '@alur/observability';
import { SPINE_EVENT_COUNTERS, SpineEventCounters } from '../spine-event-counters';
import { eventEnvelope } from './event-envelope';
import { outboxPartition } from './outbox-partition';
import { OutboxWake } from './outbox-wake';

export interface EventDraft<C extends EventContract> {
  aggregateId: string;
  payload: PayloadOf<C>;
  /** Defaults to the actor of the request or event being handled. */
  actor?: Actor | null;
}

/**
 * Records events in the caller's transaction: they become visible to the relay only if the change
 * that caused them commits, and its commit wakes the relays at once (OutboxWake).
 */
@Injectable()
export class OutboxService {
  constructor(
    @Inject(APP_ENV) private readonly env: BaseEnv,
    /** Absent in the command-line tools that write events without running a service: the relay's poll finds those. */
    @Optional() private readonly wake?: OutboxWake,
    @Optional() private readonly cls?: ClsService,
    @Optional() @Inject(SPINE_EVENT_COUNTERS) private readonly counters?: SpineEventCounters,
  ) {}

  async record<C extends EventContract>(tx: EntityManager, contract: C, draft: EventDraft<C>): Promise<EventEnvelope<PayloadOf<C>>> {
    const [envelope] = await this.recordMany(tx, contract, [draft]);
    return envelope;
  }

  /**
   * Records the events in one statement. `write` runs that statement: on its own by default;
   * ChangeRecorder lets it ride on the audit record's round trip.
   */
  async recordMany<C extends EventContract>(
    tx: EntityManager,
    contract: C,
    drafts: EventDraft<C>[],
    write: (rows: RidingStatement, envelopes: EventEnvelope<PayloadOf<C>>[]) => Promise<unknown> = (rows) => runAlone(tx, rows),
  ): Promise<EventEnvelope<PayloadOf<C>>[]> {
    if (!tx.queryRunner?.isTransactionActive) {
      throw new Error('OutboxService.record must run inside the transaction of the change it announces');
    }
    const subject = subjectFor(this.env.NATS_SUBJECT_PREFIX, contract);
    const envelopes = drafts.map((draft) => this.envelope(contract, draft));
    const record = async (): Promise<void> => {
      // The trace goes on from here when the relay publishes, whenever that is (see OutboxRelay.publish).
      const trace = currentTraceCarrier();
      const traceContext = trace ? JSON.stringify(trace) : null;
      const params: unknown[] = [];
      const rows = envelopes.map((e) => {
        params.push(e.id, subject, e.aggregateId, outboxPartition(e.aggregateId), JSON.stringify(e), traceContext);
        const n = params.length;
        return `($${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
      });
      // A WITH clause's INSERT always runs to completion, so the rows can ride on another statement.
      const statement = {
        with: `recorded AS (INSERT INTO outbox_event (id, subject, aggregate_id, partition, envelope, trace_context) VALUES ${rows.join(', ')})`,
        select: 'NULL',
        params,
      };
      await write(statement, envelopes);
      this.wake?.recordedIn(tx);
    };
    if (tracingEnabled()) {
      const attributes = { 'messaging.destination.name': subject, 'messaging.batch.message_count': envelopes.length };
      await inSpan(`outbox record ${contract.pattern}`, { kind: SpanKind.PRODUCER, attributes }, record);
    } else {
      await record();
    }
    this.counters?.recorded(contract.type, contract.version, envelopes.length);
    return envelopes;
  }

  private envelope<C extends EventContract>(contract: C, draft: EventDraft<C>): EventEnvelope<PayloadOf<C>> {
    return eventEnvelope(contract, draft, {
      actor: this.fromContext<Actor>(CLS_ACTOR),
      correlationId: this.fromContext<string>(CLS_CORRELATION_ID),
    });
  }

  private fromContext<T>(key: string): T | undefined {
    return this.cls?.isActive() ? (this.cls.get(key) as T | undefined) : undefined;
  }
}
