import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { headers as natsHeaders, Subscription } from '@nats-io/transport-node';
import { DataSource, EntityManager } from 'typeorm';
import { APP_ENV, BaseEnv, SERVICE_NAME } from '@alur/config';
import { queryAndCommit, queryOnGenericPlans, schemaFor } from '@alur/database';
import { contextOfCarrier, injectTraceHeaders, inSpan, SpanKind, TraceCarrier, tracingEnabled } from '@alur/observability';
import { NatsClients } from '../nats/nats-connection';
import { ensureEventStream } from '../nats/event-stream';
import { SPINE_EVENT_COUNTERS, SpineEventCounters } from '../spine-event-counters';
import { DrainPace } from './drain-pace';
import { outboxWakeSubject } from './outbox-partition';

interface PendingEvent {
  seq: string;
  id: string;
  subject: string;
  aggregate_id: string;
  envelope: { correlationId: string; type: string; version: number; aggregateType: string };
  /** The trace context of the change that recorded it, when tracing was on. */
  trace_context: TraceCarrier | null;
}

export const HEADER_AGGREGATE_ID = 'Alur-Aggregate-Id';
export const HEADER_AGGREGATE_TYPE = 'Alur-Aggregate-Type';
export const HEADER_EVENT_TYPE = 'Alur-Event-Type';
export const HEADER_CORRELATION_ID = 'Alur-Correlation-Id';

/**
 * Publishes committed outbox events to JetStream. Woken when a transaction that recorded events commits
 * (OutboxWake, on any replica), with polling as a fallback.
 * Replicas share the work by partition: each partition is drained under a transaction-scoped advisory
 * lock, so one aggregate's events are published by one relay at a time, in commit order.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly schema: string;
  /** The wake-ups that commits send; while NATS is away, polling carries the relay. */
  private wakeUps?: Subscription;
  private natsConnected = true;
  private pollTimer?: NodeJS.Timeout;
  private cleanupTimer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  /** Set while a wake-up waits for the drain spacing (DrainPace, at most OUTBOX_DRAIN_SPACING_MS) to pass. */
  private spacingTimer?: NodeJS.Timeout;
  private lastDrainStartedAt = 0;
  private wakeAgain = false;
  private ticks = 0;
  private lastDrainClean = true;
  private stopped = false;
  /** What this replica has published, how many of those JetStream had already (a second publish), and in how many drains. */
  readonly stats = { published: 0, duplicates: 0, drains: 0 };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly nats: NatsClients,
    @Inject(APP_ENV) private readonly env: BaseEnv,
    @Inject(SERVICE_NAME) private readonly service: string,
    private readonly pace: DrainPace,
    @Optional() @Inject(SPINE_EVENT_COUNTERS) private readonly counters?: SpineEventCounters,
  ) {
    this.schema = schemaFor(env, service);
  }

  async onApplicationBootstrap(): Promise<void> {
    await ensureEventStream(this.nats.jsm, this.env.NATS_STREAM, this.env.NATS_SUBJECT_PREFIX);
    if (!this.env.OUTBOX_RELAY_ENABLED) {
      this.logger.warn('Outbox relay disabled by OUTBOX_RELAY_ENABLED=false: events wait in the outbox');
      return;
    }
    const subject = outboxWakeSubject(this.env.NATS_SUBJECT_PREFIX, this.service);
    this.wakeUps = this.nats.nc.subscribe(subject, { callback: (error) => void (error || this.wake()) });
    // Refused (a NATS configuration from before the wake-ups, say), the subscription closes and polling carries the relay.
    void this.wakeUps.closed.then((error) => {
      if (error)
        this.logger.warn({ err: error, subject }, 'NATS refused the outbox wake-ups: the relay polls every OUTBOX_POLL_INTERVAL_MS');
    });
    void this.followNatsConnection().catch((error) =>
      this.logger.warn({ err: error }, 'Stopped following the NATS connection; polling carries the relay'),
    );
    // The subscription is in place on the server before the first drain looks at the outbox.
    await this.nats.nc.flush();
    this.pollTimer = setInterval(() => this.poll(), this.env.OUTBOX_POLL_INTERVAL_MS);
    this.cleanupTimer = setInterval(() => void this.removeExpired(), 60 * 60 * 1000);
    void this.removeExpired();
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.spacingTimer);
    clearInterval(this.pollTimer);
    clearInterval(this.cleanupTimer);
    await this.draining;
    this.wakeUps?.unsubscribe();
  }

  /**
   * Wake-ups sent while this connection was away are lost to it (the client subscribes again on
   * reconnecting): polling carries the relay meanwhile, and a reconnect drains what came.
   */
  private async followNatsConnection(): Promise<void> {
    for await (const status of this.nats.nc.status()) {
      if (status.type === 'disconnect') this.natsConnected = false;
      if (status.type === 'reconnect') {
        this.natsConnected = true;
        this.wake();
      }
    }
  }

  /**
   * The fallback for a lost wake-up: every interval while NATS is away or the last drain could not
   * publish, and only every tenth while wake-ups carry the relay, so an idle service costs almost no
   * transactions.
   */
  private poll(): void {
    this.ticks++;
    const trusted = this.natsConnected && this.wakeUps?.isClosed() === false && this.lastDrainClean;
    if (!trusted || this.ticks % 10 === 0) this.wake();
  }

  /**
   * Starts a drain, or asks the running one to go round again, so no wake-up is lost. A drain starts no
   * sooner than the pace's spacing after the one before (OUTBOX_DRAIN_SPACING_MS, shorter when events come
   * fast): the changes committed meanwhile go out together, in one transaction and one burst, rather than a
   * drain each.
   */
  wake(): void {
    if (this.stopped || this.spacingTimer) return;
    if (this.draining) {
      this.wakeAgain = true;
      return;
    }
    const startedAt = Date.now();
    const wait = this.lastDrainStartedAt + this.pace.spacingMs - startedAt;
    if (wait > 0) {
      this.spacingTimer = setTimeout(() => {
        this.spacingTimer = undefined;
        this.wake();
      }, wait);
      return;
    }
    void this.startDrain().catch(() => undefined); // logged, and the relay marked unclean, by startDrain
  }

  /**
   * Resolves once everything committed before the call that this relay could claim is published (used by
   * tests and bench:events). It drains as the relay's one running drain, so a wake-up meanwhile waits for it
   * rather than claiming partitions beside it, which this drain would then skip and resolve without.
   */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
    await this.startDrain();
  }

  /** The relay's one drain at a time: the returned promise rejects as the drain did; `draining` never does. */
  private startDrain(): Promise<void> {
    const startedAt = Date.now();
    const sinceLastMs = startedAt - this.lastDrainStartedAt;
    const publishedBefore = this.stats.published;
    this.lastDrainStartedAt = startedAt;
    this.stats.drains++;
    const drain = this.drainUntilEmpty();
    this.draining = drain
      .catch((error) => {
        this.lastDrainClean = false;
        this.logger.error({ err: error }, 'Outbox relay drain failed; the next poll retries');
      })
      .finally(() => {
        this.pace.drained(this.stats.published - publishedBefore, sinceLastMs, Date.now() - startedAt);
        this.counters?.drained(this.pace.spacingMs);
        this.draining = undefined;
        if (this.wakeAgain) {
          this.wakeAgain = false;
          this.wake();
        }
      });
    return drain;
  }

  private async drainUntilEmpty(): Promise<void> {
    for (;;) {
      this.wakeAgain = false;
      if (this.stopped) return;
      const { published, failed, more } = await this.drainBatch();
      this.lastDrainClean = failed === 0;
      // The stream may be gone (NATS restarted without its store, or deleted): recreate it; the events
      // stay in the outbox and go out on the next wake-up.
      if (failed > 0) await this.recreateStream();
      // Nothing moved (nothing pending, other replicas hold the partitions, or NATS is down): wait for the next wake-up.
      if (published === 0 || failed > 0) return;
      // The batch took everything pending in the partitions it claimed: an event committed since then
      // came with its wake-up, which woke the relay again (see wake), so looking once more would only cost
      // an empty transaction per drain.
      if (!more) return;
    }
  }

  /**
   * One transaction claims every partition with pending events that no other replica holds and
   * publishes their oldest events: claiming and reading are one statement, so a drain is BEGIN, that,
   * the publishes, and one UPDATE with the COMMIT, however many partitions are busy; one pooled connection per
   * batch, so the relay does not starve the service's own transactions.
   *
   * The statement's snapshot is taken before it claims: a partition another replica was draining until a
   * moment ago shows its events still unpublished in it. FOR UPDATE reads each row's newest version
   * instead, so the events that replica marked published are left out, not published twice.
   */
  private drainBatch(): Promise<{ published: number; failed: number; more: boolean }> {
    return this.dataSource.transaction(async (tx) => {
      // The oldest events of the claimed partitions: for each aggregate a prefix of its pending events. The
      // drain's statements run on generic plans (queryOnGenericPlans): its UPDATE takes an array.
      const pending = await queryOnGenericPlans<PendingEvent>(
        tx,
        `SELECT seq, id, subject, aggregate_id, envelope, trace_context FROM outbox_event
          WHERE published_at IS NULL
            AND partition = ANY (ARRAY(
                  SELECT partition FROM (SELECT DISTINCT partition FROM outbox_event WHERE published_at IS NULL) AS pending
                   WHERE pg_try_advisory_xact_lock(hashtext($1), partition)))
          ORDER BY seq LIMIT $2
          FOR UPDATE`,
        [this.schema, this.env.OUTBOX_BATCH_SIZE],
      );
      if (pending.length === 0) return { published: 0, failed: 0, more: false };
      const sent = await this.publishInAggregateOrder(pending);
      await this.markPublished(tx, sent);
      // A full batch may have left events behind in the claimed partitions.
      return { published: sent.length, failed: pending.length - sent.length, more: pending.length >= this.env.OUTBOX_BATCH_SIZE };
    });
  }

  /** Aggregates are published in parallel; one aggregate's events one after another, stopping at a failure. */
  private async publishInAggregateOrder(pending: PendingEvent[]): Promise<string[]> {
    const byAggregate = new Map<string, PendingEvent[]>();
    for (const event of pending) {
      const queue = byAggregate.get(event.aggregate_id) ?? [];
      queue.push(event);
      byAggregate.set(event.aggregate_id, queue);
    }
    const sent: string[] = [];
    await Promise.all(
      [...byAggregate.values()].map(async (events) => {
        for (const event of events) {
          try {
            await this.publish(event);
            sent.push(event.id);
          } catch (error) {
            this.logger.warn({ err: error, eventId: event.id }, 'Publishing an outbox event failed; it will be retried');
            return;
          }
        }
      }),
    );
    return sent;
  }

  /**
   * With tracing on, a publish span continues the trace of the change that recorded the event, and its
   * W3C trace context travels in the message headers to every consumer.
   */
  private publish(event: PendingEvent): Promise<void> {
    if (!tracingEnabled()) return this.publishNow(event);
    const name = `publish ${event.envelope.type}.v${event.envelope.version}`;
    const attributes = { 'messaging.system': 'nats', 'messaging.destination.name': event.subject, 'messaging.message.id': event.id };
    return inSpan(name, { kind: SpanKind.PRODUCER, parent: contextOfCarrier(event.trace_context), attributes }, () =>
      this.publishNow(event),
    );
  }

  private async publishNow(event: PendingEvent): Promise<void> {
    const h = natsHeaders();
    injectTraceHeaders(h);
    h.set(HEADER_AGGREGATE_ID, event.aggregate_id);
    h.set(HEADER_AGGREGATE_TYPE, event.envelope.aggregateType);
    h.set(HEADER_EVENT_TYPE, event.envelope.type);
    h.set(HEADER_CORRELATION_ID, event.envelope.correlationId);
    // The event id as Nats-Msg-Id: JetStream drops a second publish of it within the duplicate window.
    const ack = await this.nats.js.publish(event.subject, JSON.stringify(event.envelope), { msgID: event.id, headers: h, timeout: 5000 });
    this.stats.published++;
    this.counters?.published(event.envelope.type, event.envelope.version);
    if (ack.duplicate) this.stats.duplicates++;
  }

  private async recreateStream(): Promise<void> {
    try {
      await ensureEventStream(this.nats.jsm, this.env.NATS_STREAM, this.env.NATS_SUBJECT_PREFIX);
    } catch (error) {
      this.logger.warn({ err: error }, 'Event stream unavailable; the outbox keeps the events until it is back');
    }
  }

  /** Unpublished events and the age of the oldest, for /health. */
  async backlog(): Promise<{ unpublished: number; oldestSeconds: number }> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS unpublished, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS oldest
         FROM outbox_event WHERE published_at IS NULL`,
    );
    return { unpublished: row.unpublished, oldestSeconds: Math.round(row.oldest) };
  }

  /** The drain's last statement: it commits the transaction in the same round trip (queryAndCommit). */
  private async markPublished(tx: EntityManager, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await queryAndCommit(tx, 'UPDATE outbox_event SET published_at = now() WHERE id = ANY($1::uuid[])', [ids]);
  }

  private async removeExpired(): Promise<void> {
    try {
      const [, removed] = await this.dataSource.query(`DELETE FROM outbox_event WHERE published_at < now() - make_interval(hours => $1)`, [
        this.env.OUTBOX_RETENTION_HOURS,
      ]);
      if (removed) this.logger.log({ removed }, 'Removed published outbox events past their retention');
    } catch (error) {
      this.logger.warn({ err: error }, 'Outbox retention clean-up failed');
    }
  }
}
