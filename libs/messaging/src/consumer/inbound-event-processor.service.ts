import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ClsService } from 'nestjs-cls';
import { DataSource, EntityManager } from 'typeorm';
import { APP_ENV, BaseEnv } from '@alur/config';
import { EventEnvelope } from '@alur/contracts';
import { CLS_CORRELATION_ID, contextOfCarrier, inSpan, SpanKind, tracingEnabled } from '@alur/observability';
import { MESSAGING_OPTIONS, MessagingModuleOptions } from '../messaging.tokens';
import { SPINE_EVENT_COUNTERS, SpineEventCounters, typeAndVersionOf } from '../spine-event-counters';
import { ConcurrencyGate } from './concurrency-gate';
import { EventHandlerRegistry } from './event-handler-registry';
import { EventNotReadyError } from './event-not-ready.error';
import { ClaimedEvent, InboundEventStore, StoredEvent } from './inbound-event.store';
import { retryDelayMs } from './retry-policy';
import { StreamCursor } from './stream-cursor';

/** Why a dead letter could not be handled on replay. */
export class ReplayFailedError extends Error {}

/**
 * Handles stored events: for each aggregate its oldest open event, one at a time, in stream order, under a
 * row lock that any number of replicas respect. A failure keeps the event at the head of its aggregate (the
 * later ones wait) and retries it with back-off; an event that must only wait is retried without spending
 * attempts; one that keeps failing becomes a dead letter and parks its aggregate until an operator acts.
 */
@Injectable()
export class InboundEventProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InboundEventProcessor.name);
  private readonly gate: ConcurrencyGate;
  private running?: Promise<void>;
  /** Events this replica is handling now, each with the batch it is in. */
  private readonly inFlight = new Map<string, Promise<void>>();
  private again = false;
  private stopped = false;
  /** The next pass: when a retry or wait comes due, at the latest after the safety poll. */
  private nextPass?: NodeJS.Timeout;
  private nextPassAt = Infinity;
  private pruneTimer?: NodeJS.Timeout;
  /**
   * Counts the receiver's stores: a batch that finds it moved on since its runs were chosen looks again
   * when it is done, since an event stored meanwhile may have been waiting behind it.
   */
  private storedGeneration = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: EventHandlerRegistry,
    private readonly store: InboundEventStore,
    private readonly cursor: StreamCursor,
    @Inject(APP_ENV) private readonly env: BaseEnv,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
    @Optional() private readonly cls?: ClsService,
    @Optional() @Inject(SPINE_EVENT_COUNTERS) private readonly counters?: SpineEventCounters,
  ) {
    this.gate = new ConcurrencyGate(env.CONSUMER_CONCURRENCY);
  }

  onApplicationBootstrap(): void {
    if (this.registry.isEmpty) return;
    this.pruneTimer = setInterval(() => void this.prune(), 60 * 60 * 1000);
    void this.prune();
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.nextPass);
    clearInterval(this.pruneTimer);
    await this.running;
    await Promise.all(this.inFlight.values());
  }

  /** Starts a pass, or asks the running one to go round again, so no wake-up is lost. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.start(() => this.passUntilIdle());
  }

  /**
   * The receiver stored these events (and has acknowledged them). When nothing else is going on, they are
   * handled as they are, without a query for what is due: each is tried as the head of its aggregate, and
   * the claim takes it only if it is (pending, due, no earlier open event). Anything less simple (a pass
   * running, an event above the ack floor, two of one aggregate) is left to an ordinary pass.
   */
  stored(events: StoredEvent[]): void {
    this.storedGeneration++;
    if (this.stopped || events.length === 0) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.start(() => this.handleStored(events));
  }

  private start(pass: () => Promise<void>): void {
    this.running = pass()
      .catch((error) => this.logger.error({ err: error }, 'Handling stored events failed; the next poll retries'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /**
   * Starts batches for the runs of due events this replica is not already handling, without waiting for
   * them: a slow event holds up only its own aggregate (and its batch). A batch that handled something wakes
   * the next pass; the rest (retries coming due, what another replica held) is found by the poll.
   */
  private async passUntilIdle(): Promise<void> {
    const tried = new Set<string>();
    const batchSize = this.env.CONSUMER_BATCH_SIZE;
    for (;;) {
      this.again = false;
      if (this.stopped) return;
      const generation = this.storedGeneration;
      const position = await this.cursor.position();
      if (!position) {
        // Not bound to the stream yet (the receiver starts after this): look again shortly, or events
        // stored before a restart would wait for the next event to arrive, however long that takes.
        this.scheduleNextPass(this.env.OUTBOX_POLL_INTERVAL_MS);
        return;
      }
      const heads = this.env.CONSUMER_CONCURRENCY * 2;
      const due = await this.store.dueRuns(position, heads, batchSize);
      this.scheduleNextPass(due.nextDueInMs);
      const runs = due.runs.filter((run) => !this.inFlight.has(run[0]) && !tried.has(run[0]));
      if (runs.length === 0) return;
      // Every due run was listed: looking again at once would find only the ones now in flight, whose
      // batches wake the processor when they finish; what was stored meanwhile woke it already (`again`).
      const complete = due.runs.length < heads;
      for (const run of runs) tried.add(run[0]);
      if (!(await this.dispatch(batchesOf(runs, batchSize), generation))) return;
      if (complete && !this.again) return;
    }
  }

  /** See stored(): the receiver's events handled without a query for what is due, when that is safe. */
  private async handleStored(events: StoredEvent[]): Promise<void> {
    const generation = this.storedGeneration;
    const position = await this.cursor.position();
    const aggregates = new Set(events.map((e) => e.aggregateKey));
    const simple =
      position !== undefined &&
      aggregates.size === events.length &&
      events.every(
        (e) =>
          !this.inFlight.has(e.id) &&
          (e.streamCreated.getTime() < position.created.getTime() ||
            (e.streamCreated.getTime() === position.created.getTime() && e.streamSeq <= position.ackFloor)),
      );
    if (!simple) return this.passUntilIdle();
    const ordered = [...events].sort((a, b) => a.streamSeq - b.streamSeq);
    await this.dispatch(
      batchesOf(
        ordered.map((e) => [e.id]),
        this.env.CONSUMER_BATCH_SIZE,
      ),
      generation,
      true,
    );
  }

  /**
   * Starts the batches without waiting for them (at most CONSUMER_CONCURRENCY at once). A batch that
   * handled something makes the processor look again if events may wait behind it: some were still
   * pending in its transaction, or the receiver stored something since its runs were chosen (`generation`).
   * `unlisted`: the runs were not chosen by a query for what is due (see stored()); one that was not taken
   * (its head held by another replica's transaction, which saw nothing behind it when it checked, say)
   * brings the next pass forward to the poll interval, not the safety poll's.
   * False when the processor stopped meanwhile.
   */
  private async dispatch(batches: string[][][], generation: number, unlisted = false): Promise<boolean> {
    for (const batch of batches) {
      await this.gate.acquire();
      if (this.stopped) {
        this.gate.release();
        return false;
      }
      const ids = batch.flat();
      const done: Promise<void> = this.handleBatch(batch)
        .then(({ handled, pendingBehind }) => {
          if (handled > 0 && (pendingBehind || this.storedGeneration !== generation)) this.wake();
          if (unlisted && handled < ids.length) this.passWithin(this.env.OUTBOX_POLL_INTERVAL_MS);
        })
        .catch((error) => this.logger.error({ err: error }, 'Handling a batch of events failed; the next poll retries'))
        .finally(() => {
          this.gate.release();
          for (const id of ids) if (this.inFlight.get(id) === done) this.inFlight.delete(id);
        });
      for (const id of ids) this.inFlight.set(id, done);
    }
    return true;
  }

  /**
   * Nothing polls while nothing is due: the receiver wakes the processor for what it stored, a batch that
   * handled something wakes it for what waited behind, and this timer for the next retry coming due. The
   * safety poll finds what only another replica could have woken it for (that replica died meanwhile).
   */
  private scheduleNextPass(nextDueInMs: number | null): void {
    if (this.stopped) return;
    const safetyPollMs = this.env.OUTBOX_POLL_INTERVAL_MS * 30;
    const delay = Math.min(nextDueInMs ?? safetyPollMs, safetyPollMs);
    clearTimeout(this.nextPass);
    this.nextPassAt = Date.now() + delay;
    this.nextPass = setTimeout(() => this.wake(), delay);
  }

  /** Brings the next pass forward to within `ms`, unless it comes sooner anyway. */
  private passWithin(ms: number): void {
    if (this.stopped || Date.now() + ms >= this.nextPassAt) return;
    clearTimeout(this.nextPass);
    this.nextPassAt = Date.now() + ms;
    this.nextPass = setTimeout(() => this.wake(), ms);
  }

  /**
   * Handles runs of different aggregates in one transaction, each run's events in order: one commit for
   * the batch. If any of them fails, the whole batch rolls back and each run's head is handled on its own,
   * so one failure costs no one else more than a retry.
   */
  private async handleBatch(runs: string[][]): Promise<{ handled: number; pendingBehind: boolean }> {
    if (runs.length === 1 && runs[0].length === 1) return this.handle(runs[0][0]);
    let envelopes: EventEnvelope[] = [];
    let pendingBehind = false;
    try {
      await this.dataSource.transaction(async (tx) => {
        envelopes = [];
        const claimed = (await this.store.claimRuns(tx, runs)).flat();
        for (const event of claimed) envelopes.push(await this.runHandlers(event, tx));
        if (claimed.length > 0) {
          await this.store.markDone(
            tx,
            claimed.map((e) => e.id),
          );
          pendingBehind = await this.store.anyPending(tx);
        }
      });
    } catch {
      let handled = 0;
      for (const run of runs) {
        const outcome = await this.handle(run[0]);
        handled += outcome.handled;
        pendingBehind ||= outcome.pendingBehind;
      }
      return { handled, pendingBehind };
    }
    for (const envelope of envelopes) {
      this.counters?.handled(envelope.type, envelope.version);
      await this.options.faults?.afterHandled?.(envelope.id);
    }
    return { handled: envelopes.length, pendingBehind };
  }

  /**
   * Handles one stored event if it is still the due head of its aggregate: `handled` 1 when its effect
   * committed, `pendingBehind` when other events were still pending as it did.
   */
  private async handle(id: string): Promise<{ handled: number; pendingBehind: boolean }> {
    // Assigned inside the transaction's callback, read after it.
    let claimed = undefined as ClaimedEvent | undefined;
    let envelope = undefined as EventEnvelope | undefined;
    let pendingBehind = false;
    try {
      await this.dataSource.transaction(async (tx) => {
        claimed = await this.store.claim(tx, id);
        if (!claimed) return;
        envelope = await this.runHandlers(claimed, tx);
        await this.store.markDone(tx, [id]);
        pendingBehind = await this.store.anyPending(tx);
      });
    } catch (error) {
      if (claimed) await this.recordFailure(claimed, error as Error, envelope?.id);
      return { handled: 0, pendingBehind: false };
    }
    if (!claimed || !envelope) return { handled: 0, pendingBehind: false };
    this.counters?.handled(envelope.type, envelope.version);
    await this.options.faults?.afterHandled?.(envelope.id);
    return { handled: 1, pendingBehind };
  }

  /**
   * An operator's replay of a dead letter: handled now, in its aggregate's order (an earlier dead letter of
   * the same aggregate must go first). Throws ReplayFailedError with the reason if it still cannot be handled.
   * `alsoInTransaction` commits with the replay (the operator's audit record).
   */
  async replay(id: string, alsoInTransaction?: (tx: EntityManager) => Promise<unknown>): Promise<void> {
    const earlier = await this.store.earlierDeadLetter(id);
    if (earlier) throw new ReplayFailedError(`dead letter ${earlier} of the same aggregate comes first: replay or skip it first`);
    let handled = undefined as EventEnvelope | undefined;
    try {
      await this.dataSource.transaction(async (tx) => {
        const claimed = await this.store.claim(tx, id, { dead: true });
        if (!claimed) throw new ReplayFailedError('it is being handled or no longer dead');
        handled = await this.runHandlers(claimed, tx);
        await this.store.markDone(tx, [id], 'replayed');
        await alsoInTransaction?.(tx);
      });
    } catch (error) {
      const reason = (error as Error).message;
      if (!(error instanceof ReplayFailedError))
        await this.store.recordFailure(id, { error: reason, retryInMs: 0, dead: true, waiting: false });
      throw new ReplayFailedError(reason);
    }
    if (handled) this.counters?.handled(handled.type, handled.version);
    this.wake(); // the events held behind it go on
  }

  /**
   * With tracing on, a span per event under the publish span whose trace context came with the message
   * (stored in inbound_event): handled later, in a batch or by another replica, it stays in its trace.
   */
  private runHandlers(event: ClaimedEvent, tx: EntityManager): Promise<EventEnvelope> {
    if (!tracingEnabled()) return this.runHandlersNow(event, tx);
    const attributes = {
      'messaging.system': 'nats',
      'messaging.destination.name': event.subject,
      'alur.aggregate': event.aggregateKey,
      'alur.attempt': event.attempts + 1,
    };
    const name = `event ${this.registry.patternOf(event.subject)} handle`;
    return inSpan(name, { kind: SpanKind.CONSUMER, parent: contextOfCarrier(event.traceContext), attributes }, () =>
      this.runHandlersNow(event, tx),
    );
  }

  private async runHandlersNow(event: ClaimedEvent, tx: EntityManager): Promise<EventEnvelope> {
    const pattern = this.registry.patternOf(event.subject);
    const parsed = this.registry.parse(pattern, event.data ?? Buffer.alloc(0));
    if (!parsed.ok) throw new MalformedEventError(parsed.reason);
    for (const handler of this.registry.handlersOf(pattern)) {
      await this.inEventContext(parsed.envelope, () => handler.fn(parsed.envelope, tx));
    }
    return parsed.envelope;
  }

  private async recordFailure(event: ClaimedEvent, error: Error, eventId?: string): Promise<void> {
    const now = Date.now();
    const env = this.env;
    let outcome: { error: string; retryInMs: number; dead: boolean; waiting: boolean };
    if (error instanceof MalformedEventError) {
      outcome = { error: error.message, retryInMs: 0, dead: true, waiting: false };
    } else if (error instanceof EventNotReadyError) {
      const since = event.waitingSince?.getTime() ?? now;
      const dead = now - since >= env.CONSUMER_WAIT_LIMIT_MS;
      outcome = {
        error: dead ? `waited ${Math.round((now - since) / 1000)} s, still ${error.message}` : error.message,
        retryInMs: Math.min(retryDelayMs(event.waits + 1, env.CONSUMER_RETRY_BASE_MS), env.CONSUMER_RETRY_MAX_MS),
        dead,
        waiting: true,
      };
    } else {
      const attempts = event.attempts + 1;
      const failingFor = now - (event.firstFailedAt?.getTime() ?? now);
      const dead = attempts >= env.CONSUMER_MAX_ATTEMPTS && failingFor >= env.CONSUMER_RETRY_PERIOD_MS;
      outcome = {
        error: dead ? `failed ${attempts} times: ${error.message}` : error.message,
        retryInMs: Math.min(retryDelayMs(attempts, env.CONSUMER_RETRY_BASE_MS), env.CONSUMER_RETRY_MAX_MS),
        dead,
        waiting: false,
      };
    }
    if (this.counters) {
      const { type, version } = typeAndVersionOf(this.registry.patternOf(event.subject));
      this.counters.failed(type, version, outcome.dead ? 'dead' : outcome.waiting ? 'waiting' : 'retry');
    }
    const log = { err: error, eventId, subject: event.subject, aggregate: event.aggregateKey, retryInMs: outcome.retryInMs };
    if (outcome.dead) this.logger.error(log, 'Event dead-lettered; its aggregate is parked until an operator replays or skips it');
    else if (outcome.waiting) this.logger.debug(log, 'Event waits');
    else this.logger.warn(log, 'Event handler failed; retrying');
    await this.store.recordFailure(event.id, outcome).catch((e) => this.logger.error({ err: e }, 'Could not record a failed attempt'));
  }

  private inEventContext(envelope: EventEnvelope, fn: () => Promise<void>): Promise<void> {
    if (!this.cls) return fn();
    return this.cls.run(() => {
      // Events this handler records carry the same correlation id; their actor is the system.
      this.cls!.set(CLS_CORRELATION_ID, envelope.correlationId);
      return fn();
    });
  }

  private async prune(): Promise<void> {
    try {
      const removed = await this.store.prune(this.env.INBOX_RETENTION_HOURS);
      if (removed) this.logger.log({ removed }, 'Forgot handled events past the inbox retention');
    } catch (error) {
      this.logger.warn({ err: error }, 'Inbox retention clean-up failed');
    }
  }
}

/** Groups runs into batches of about `size` events (a run is never split). */
function batchesOf(runs: string[][], size: number): string[][][] {
  const batches: string[][][] = [];
  let current: string[][] = [];
  let events = 0;
  for (const run of runs) {
    current.push(run);
    events += run.length;
    if (events >= size) {
      batches.push(current);
      current = [];
      events = 0;
    }
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** A stored event that no longer passes its contract (e.g. the contract changed under it): retrying cannot help. */
class MalformedEventError extends Error {}
