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
import { ClaimedEvent, DueRun, InboundDraft, InboundEventStore, StoredEvent } from './inbound-event.store';
import { retryDelayMs } from './retry-policy';
import { StreamCursor, StreamPosition } from './stream-cursor';

/** Events handled in one transaction: their envelopes, their ids, and the events still pending behind them. */
interface HandledRuns {
  envelopes: EventEnvelope[];
  handled: string[];
  behind: StoredEvent[];
}

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
   * Aggregates that batches of this replica are handling, with the events stored for them meanwhile: those
   * wait for the batch to end (a claim now could only find their head still open) and are handed on then.
   */
  private readonly busy = new Map<string, { batches: number; waiting: StoredEvent[] }>();
  /** Events this replica handled lately: a list of due runs read before they committed does not send them again. */
  private readonly recentlyDone = new Set<string>();
  /** Stored events above the ack floor (an earlier message may still be missing), handed on once it covers them. */
  private held: StoredEvent[] = [];
  private heldTimer?: NodeJS.Timeout;
  private heldLooks = 0;

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
    clearTimeout(this.heldTimer);
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
   * The receiver stored these events (and has acknowledged them): they are handed on without a query for
   * what is due (see route()).
   */
  stored(events: StoredEvent[]): void {
    if (this.stopped || events.length === 0) return;
    void this.route(events);
  }

  /**
   * Stores what the receiver got and, in the same transaction, handles the events that are then the heads of
   * their aggregates: one commit where storing and handling took two. Only when nothing earlier can still
   * arrive (`inOrder`: the batch follows on the ack floor without a gap, so every earlier message is stored
   * and committed), only for a batch of at most CONSUMER_BATCH_SIZE events, and only for aggregates no batch of
   * this replica is handling.
   *
   * The receiver acknowledges only after this commits, so a slow handler here would hold back the ack floor,
   * and with it every replica's events. Handling therefore runs with short lock and statement timeouts (a
   * failure rolls the transaction back, and the batch is stored on its own and handled as any stored event),
   * and within CONSUMER_HANDLE_ON_RECEIPT_MS: past it the transaction is abandoned (PostgreSQL ends it once
   * idle) and the batch is stored on its own. Returns the stored events still pending, to hand on
   * (route) once the batch is acknowledged.
   */
  async storeAndHandle(drafts: InboundDraft[], inOrder: boolean): Promise<StoredEvent[]> {
    const budgetMs = this.env.CONSUMER_HANDLE_ON_RECEIPT_MS;
    // A batch larger than one consumer transaction means the receiver is behind: the processor's concurrent
    // batches then handle more per second than this one transaction could.
    const small = drafts.length <= this.env.CONSUMER_BATCH_SIZE;
    if (!inOrder || !small || budgetMs === 0 || this.stopped || drafts.every((d) => d.deadReason)) return this.store.insert(drafts);
    let abandoned = false;
    const attempt = this.dataSource.transaction(async (tx) => {
      const added = await this.store.insertClaiming(tx, drafts, {
        idleInTransactionMs: budgetMs * 2,
        statementMs: budgetMs,
        lockMs: Math.ceil(budgetMs / 2),
      });
      const stored = added.map((event) => event.stored);
      const claimable = new Map(added.flatMap((event) => (event.claimed ? [[event.stored.id, event.claimed] as const] : [])));
      // Each run as far as its first event that waits behind an earlier one still open: the processor handles those later, in order.
      const claimed = runsOf(
        stored.filter((event) => !this.busy.has(event.aggregateKey)),
        this.env.CONSUMER_BATCH_SIZE,
      ).flatMap((run) => takeWhile(run, (id) => claimable.has(id)).map((id) => claimable.get(id)!));
      const outcome = await this.handleClaimedIn(tx, claimed, () => {
        if (abandoned) throw new Error('abandoned: past the budget for handling on receipt');
      });
      return { stored, ...outcome };
    });
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<'over'>((resolve) => (timer = setTimeout(() => resolve('over'), budgetMs)));
    // A failure rolls everything back, storing included (no savepoint: it would cost two statements on
    // every batch for what hardly ever happens); the events are then stored on their own and handled as
    // any stored event, where a failure is counted and retried with back-off.
    const outcome = await Promise.race([attempt.catch((error: Error) => ({ failed: error })), budget]).finally(() => clearTimeout(timer));
    if (outcome === 'over') {
      abandoned = true;
      attempt.catch((error) => this.logger.debug({ err: error }, 'Abandoned handling on receipt ended'));
      this.logger.warn({ events: drafts.length }, 'Handling on receipt took too long; storing the events on their own');
      // Waits for the abandoned transaction to end if it stored them (its rows hold their dedupe keys); if it
      // committed after all, nothing is stored twice and nothing is left to hand on.
      return this.store.insert(drafts);
    }
    if ('failed' in outcome) {
      this.logger.debug({ err: outcome.failed }, 'Handling on receipt failed; the events are stored and handled on their own');
      const stored = await this.store.insert(drafts);
      // A COMMIT that failed on the wire may have committed after all: its events are then stored (the insert
      // above finds them taken), and a pass finds whichever of them are still pending.
      if (stored.length < drafts.length) this.wake();
      return stored;
    }
    const { stored, envelopes, handled, behind } = outcome;
    for (const id of handled) this.remember(id);
    await this.committed(envelopes);
    const done = new Set(handled);
    return [...stored.filter((event) => !done.has(event.id)), ...behind];
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
   * them: a slow event holds up only its own aggregate (and its batch). A batch hands on what waited behind
   * the events it handled; the rest (retries coming due, what another replica held) is found by the poll.
   */
  private async passUntilIdle(): Promise<void> {
    const tried = new Set<string>();
    const batchSize = this.env.CONSUMER_BATCH_SIZE;
    for (;;) {
      this.again = false;
      if (this.stopped) return;
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
      // A run read before its head's batch committed is not sent again (recentlyDone).
      const runs = due.runs.filter((run) => !this.inFlight.has(run.ids[0]) && !tried.has(run.ids[0]) && !this.recentlyDone.has(run.ids[0]));
      if (runs.length === 0) return;
      // Every due run was listed: looking again at once would find only the ones now in flight, whose
      // batches hand on what waits behind them when they finish; what was stored meanwhile the receiver hands on.
      const complete = due.runs.length < heads;
      for (const run of runs) tried.add(run.ids[0]);
      if (!(await this.dispatch(batchesOf(runs, batchSize), false))) return;
      if (complete && !this.again) return;
    }
  }

  /**
   * Hands on events known to be pending (just stored by the receiver, or found behind handled ones) without a
   * query for what is due: the runs of each aggregate are started as batches, and the claim takes an event
   * only if it is still pending, due and its aggregate's head. An event whose aggregate a batch of this
   * replica is handling waits for that batch (its claim could find nothing); one above the ack floor (an
   * earlier message may still be missing) is held until the floor covers it. A run that is not taken (its
   * head held by another replica, an earlier event retrying or dead) brings the next pass forward to the poll
   * interval. Nothing here is needed for correctness: a stored event is found by a pass in any case.
   */
  private async route(events: StoredEvent[]): Promise<void> {
    try {
      let position = this.cursor.known();
      if (events.some((e) => !covered(e, position))) position = await this.cursor.position();
      if (this.stopped) return;
      const ready = new Map<string, string[]>();
      const seen = new Set<string>();
      for (const event of [...events].sort(inStreamOrder)) {
        if (seen.has(event.id) || this.inFlight.has(event.id) || this.recentlyDone.has(event.id)) continue;
        seen.add(event.id);
        const busy = this.busy.get(event.aggregateKey);
        if (busy) {
          if (!busy.waiting.some((w) => w.id === event.id)) busy.waiting.push(event);
        } else if (!covered(event, position)) {
          this.hold(event);
        } else {
          const run = ready.get(event.aggregateKey);
          if (run) run.push(event.id);
          else ready.set(event.aggregateKey, [event.id]);
        }
      }
      if (ready.size === 0) return;
      const runs = [...ready].map(([aggregate, ids]) => ({ aggregate, ids }));
      await this.dispatch(batchesOf(runs, this.env.CONSUMER_BATCH_SIZE), true);
    } catch (error) {
      this.logger.error({ err: error }, 'Handing on stored events failed; a pass looks for them');
      this.wake();
    }
  }

  /** Keeps an event above the ack floor until the floor covers it; looks again soon, then less often. */
  private hold(event: StoredEvent): void {
    if (!this.held.some((e) => e.id === event.id)) this.held.push(event);
    if (this.heldTimer || this.stopped) return;
    const poll = this.env.OUTBOX_POLL_INTERVAL_MS;
    const delay = Math.min(poll, Math.max(10, Math.floor(poll / 10)) * 2 ** Math.min(this.heldLooks, 10));
    this.heldLooks++;
    this.heldTimer = setTimeout(() => {
      this.heldTimer = undefined;
      const held = this.held;
      this.held = [];
      void this.route(held).then(() => {
        if (this.held.length === 0) this.heldLooks = 0;
      });
    }, delay);
  }

  /**
   * Starts the batches without waiting for them (at most CONSUMER_CONCURRENCY at once); resolves once each
   * has its place (false when the processor stopped meanwhile). A batch that ends hands on the events still
   * pending behind the ones it handled (read in its transaction) and those stored for its aggregates while
   * it ran. `unlisted`: the runs were not chosen by a query for what is due (see route()).
   */
  private dispatch(batches: DueRun[][], unlisted: boolean): Promise<boolean> {
    const starts: Array<Promise<boolean>> = [];
    for (const batch of batches) {
      const ids = batch.flatMap((run) => run.ids);
      for (const run of batch) {
        const busy = this.busy.get(run.aggregate);
        if (busy) busy.batches++;
        else this.busy.set(run.aggregate, { batches: 1, waiting: [] });
      }
      let started!: (ok: boolean) => void;
      starts.push(new Promise<boolean>((resolve) => (started = resolve)));
      const done: Promise<void> = this.runBatch(batch, ids.length, unlisted, started).then((behind) => {
        for (const id of ids) if (this.inFlight.get(id) === done) this.inFlight.delete(id);
        const next = [...behind];
        for (const run of batch) {
          const busy = this.busy.get(run.aggregate);
          if (!busy || --busy.batches > 0) continue;
          this.busy.delete(run.aggregate);
          next.push(...busy.waiting);
        }
        if (next.length > 0 && !this.stopped) void this.route(next);
      });
      for (const id of ids) this.inFlight.set(id, done);
    }
    return Promise.all(starts).then((all) => all.every(Boolean));
  }

  /** One batch under the concurrency gate; returns the events found pending behind the ones it handled. */
  private async runBatch(batch: DueRun[], size: number, unlisted: boolean, started: (ok: boolean) => void): Promise<StoredEvent[]> {
    await this.gate.acquire();
    try {
      if (this.stopped) {
        started(false);
        return [];
      }
      started(true);
      const outcome = await this.handleBatch(batch.map((run) => run.ids));
      for (const id of outcome.handled) this.remember(id);
      if (unlisted && outcome.handled.length < size) this.passWithin(this.env.OUTBOX_POLL_INTERVAL_MS);
      // More pending behind than one read returns: a pass lists the rest.
      if (outcome.behind.length >= this.behindLimit()) this.wake();
      return outcome.behind;
    } catch (error) {
      this.logger.error({ err: error }, 'Handling a batch of events failed; the next poll retries');
      this.passWithin(this.env.OUTBOX_POLL_INTERVAL_MS);
      return [];
    } finally {
      this.gate.release();
    }
  }

  private behindLimit(): number {
    return this.env.CONSUMER_BATCH_SIZE * 4;
  }

  private remember(id: string): void {
    this.recentlyDone.add(id);
    if (this.recentlyDone.size > RECENTLY_DONE) this.recentlyDone.delete(this.recentlyDone.values().next().value!);
  }

  /**
   * Nothing polls while nothing is due: the receiver hands on what it stored, a batch what waited behind
   * what it handled, and this timer looks for the next retry coming due. The safety poll finds what only
   * another replica could have handed on (that replica died meanwhile).
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
   * so one failure costs no one else more than a retry. Returns the ids handled and the events still pending
   * in their aggregates, read in the same transaction.
   */
  private async handleBatch(runs: string[][]): Promise<{ handled: string[]; behind: StoredEvent[] }> {
    if (runs.length === 1 && runs[0].length === 1) return this.handle(runs[0][0]);
    let outcome: HandledRuns;
    try {
      outcome = await this.dataSource.transaction(async (tx) => this.handleClaimedIn(tx, (await this.store.claimRuns(tx, runs)).flat()));
    } catch {
      const oneByOne = { handled: [] as string[], behind: [] as StoredEvent[] };
      for (const run of runs) {
        const one = await this.handle(run[0]);
        oneByOne.handled.push(...one.handled);
        oneByOne.behind.push(...one.behind);
      }
      return oneByOne;
    }
    await this.committed(outcome.envelopes);
    return { handled: outcome.handled, behind: outcome.behind };
  }

  /**
   * Runs the handlers of events claimed in `tx` (runs of aggregates, each in stream order), then marks them
   * done and reads the events still pending behind them. `checkpoint` runs after each handler and may throw to stop.
   */
  private async handleClaimedIn(tx: EntityManager, claimed: ClaimedEvent[], checkpoint?: () => void): Promise<HandledRuns> {
    const envelopes: EventEnvelope[] = [];
    for (const event of claimed) {
      envelopes.push(await this.runHandlers(event, tx));
      checkpoint?.();
    }
    const handled = claimed.map((event) => event.id);
    if (claimed.length === 0) return { envelopes, handled, behind: [] };
    const aggregates = [...new Set(claimed.map((event) => event.aggregateKey))];
    const behind = await this.store.markDoneListingBehind(tx, handled, aggregates, this.behindLimit());
    return { envelopes, handled, behind };
  }

  /** What follows the commit of handled events: their counts, and the test's fault after each. */
  private async committed(envelopes: EventEnvelope[]): Promise<void> {
    for (const envelope of envelopes) {
      this.counters?.handled(envelope.type, envelope.version);
      await this.options.faults?.afterHandled?.(envelope.id);
    }
  }

  /**
   * Handles one stored event if it is still the due head of its aggregate: `handled` holds it when its
   * effect committed, `behind` the events of its aggregate still pending as it did.
   */
  private async handle(id: string): Promise<{ handled: string[]; behind: StoredEvent[] }> {
    // Assigned inside the transaction's callback, read after it.
    let claimed = undefined as ClaimedEvent | undefined;
    let envelope = undefined as EventEnvelope | undefined;
    let behind: StoredEvent[] = [];
    try {
      await this.dataSource.transaction(async (tx) => {
        claimed = await this.store.claim(tx, id);
        if (!claimed) return;
        envelope = await this.runHandlers(claimed, tx);
        behind = await this.store.markDoneListingBehind(tx, [id], [claimed.aggregateKey], this.behindLimit());
      });
    } catch (error) {
      if (claimed) await this.recordFailure(claimed, error as Error, envelope?.id);
      return { handled: [], behind: [] };
    }
    if (!claimed || !envelope) return { handled: [], behind: [] };
    await this.committed([envelope]);
    return { handled: [id], behind };
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
    const parsed = event.envelope
      ? { ok: true as const, envelope: event.envelope }
      : this.registry.parse(pattern, event.data ?? Buffer.alloc(0));
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
    // Nothing else need look again when the retry or wait comes due: a pass then finds it (and the events behind it).
    if (!outcome.dead) this.passWithin(Math.max(outcome.retryInMs, 1));
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

/** How many handled event ids a replica remembers (see recentlyDone). */
const RECENTLY_DONE = 4096;

/** Whether the ack floor covers the event: every message up to it was stored, none before it can be missing. */
function covered(event: StoredEvent, position: StreamPosition | undefined): boolean {
  if (!position) return false;
  const created = event.streamCreated.getTime();
  return created < position.created.getTime() || (created === position.created.getTime() && event.streamSeq <= position.ackFloor);
}

function inStreamOrder(a: StoredEvent, b: StoredEvent): number {
  return a.streamCreated.getTime() - b.streamCreated.getTime() || a.streamSeq - b.streamSeq;
}

/** Just-stored events as runs per aggregate, in stream order, whole runs up to about `limit` events. */
function runsOf(events: StoredEvent[], limit: number): string[][] {
  const byAggregate = new Map<string, string[]>();
  let taken = 0;
  for (const event of [...events].sort(inStreamOrder)) {
    const run = byAggregate.get(event.aggregateKey);
    if (run) run.push(event.id);
    else if (taken < limit) byAggregate.set(event.aggregateKey, [event.id]);
    else continue;
    taken++;
  }
  return [...byAggregate.values()];
}

/** The leading items of `items` that pass `test`. */
function takeWhile<T>(items: T[], test: (item: T) => boolean): T[] {
  const end = items.findIndex((item) => !test(item));
  return end === -1 ? items : items.slice(0, end);
}

/** Groups runs into batches of about `size` events (a run is never split). */
function batchesOf(runs: DueRun[], size: number): DueRun[][] {
  const batches: DueRun[][] = [];
  let current: DueRun[] = [];
  let events = 0;
  for (const run of runs) {
    current.push(run);
    events += run.ids.length;
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
