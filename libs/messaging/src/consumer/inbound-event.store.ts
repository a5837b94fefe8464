import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { EventEnvelope } from '@alur/contracts';
import { queryAndCommit, queryOnGenericPlans } from '@alur/database';
import type { TraceCarrier } from '@alur/observability';

/** A received message as the receiver stores it. */
export interface InboundDraft {
  dedupeKey: string;
  eventId: string | null;
  subject: string;
  aggregateKey: string;
  streamCreated: Date;
  streamSeq: number;
  data: Uint8Array;
  /** The W3C trace context the message carried in its headers, when its producer traced. */
  traceContext?: TraceCarrier;
  /** Set when the message can never be handled (malformed, unknown version): it is dead on arrival. */
  deadReason?: string;
  /** The event as the receiver parsed and checked it: handled on receipt, it is not parsed again. */
  envelope?: EventEnvelope;
}

/** A received event as stored: pending, new to the table (a redelivered one is not returned again). */
export interface StoredEvent {
  id: string;
  aggregateKey: string;
  streamCreated: Date;
  streamSeq: number;
}

/** Due events of one aggregate, oldest first: the first is its head (see dueRuns). */
export interface DueRun {
  aggregate: string;
  ids: string[];
}

/** The head of an aggregate's queue, locked by the transaction that handles it. */
export interface ClaimedEvent {
  id: string;
  subject: string;
  aggregateKey: string;
  data: Buffer;
  attempts: number;
  waits: number;
  firstFailedAt: Date | null;
  waitingSince: Date | null;
  traceContext: TraceCarrier | null;
  /** Already parsed and checked (claimed as it was stored, see insertClaiming); otherwise parsed from `data`. */
  envelope?: EventEnvelope;
}

export interface InboundDeadLetter {
  id: string;
  subject: string;
  streamSeq: string;
  eventId: string | null;
  aggregateKey: string;
  data: Buffer | null;
  reason: string;
  attempts: number;
  createdAt: Date;
  deadAt: Date | null;
  replayedAt: Date | null;
  skippedAt: Date | null;
  /** Later events of the same aggregate held back until this one is replayed or skipped. */
  heldBehind: number;
}

export interface InboundFigures {
  pending: number;
  waiting: number;
  retrying: number;
  deadLetters: number;
  parkedAggregates: number;
  heldBehindDeadLetters: number;
  oldestPendingSeconds: number;
}

/** Timeouts for one transaction (ms), set as it begins (PostgreSQL's set_config, local to the transaction). */
export interface TransactionLimits {
  idleInTransactionMs: number;
  statementMs: number;
  lockMs: number;
}

/** What a handler's claim reads of an event (see toClaimed). */
const CLAIMED_COLUMNS_BUT_DATA = 'id, subject, aggregate_key, attempts, waits, first_failed_at, waiting_since, trace_context';
const CLAIMED_COLUMNS = `${CLAIMED_COLUMNS_BUT_DATA}, data`;

/** `(stream_created, stream_seq)`: the order in which the stream delivered the events. */
const EARLIER_OPEN = `EXISTS (SELECT 1 FROM inbound_event p
   WHERE p.aggregate_key = e.aggregate_key AND p.status IN ('pending', 'dead')
     AND (p.stream_created, p.stream_seq) < (e.stream_created, e.stream_seq))`;

/**
 * Whether events of an aggregate type are stored here and not yet handled (those a batch is handling now
 * included, until it commits). Events of different aggregates are handled concurrently, in any order: a
 * handler that reads what other aggregates' events bring (notifications' directory of users, say) can ask
 * whether that is still on its way.
 */
export async function hasPendingEventsOf(tx: EntityManager, aggregateType: string): Promise<boolean> {
  const [row]: Array<{ pending: boolean }> = await tx.query(
    `SELECT EXISTS (SELECT 1 FROM inbound_event WHERE status = 'pending' AND starts_with(aggregate_key, $1)) AS pending`,
    [`${aggregateType}:`],
  );
  return row.pending;
}

/** All SQL on the consumer's `inbound_event` table (but hasPendingEventsOf, which runs in a handler's transaction). */
@Injectable()
export class InboundEventStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Stores a batch in one statement; a redelivered message (same dedupe key) is dropped. Returns the
   * pending events it added, so that the processor can handle them without looking them up.
   */
  async insert(drafts: InboundDraft[], manager: EntityManager = this.dataSource.manager): Promise<StoredEvent[]> {
    return (await this.insertRows(drafts, manager)).filter((row) => row.status === 'pending').map((row) => toStored(row));
  }

  /**
   * Stores a batch, as insert, in the transaction that is to handle it, and answers with each pending event
   * it added whether it is claimed there: it is, unless an earlier event of its aggregate is still open
   * (pending or dead). The statement's snapshot leaves out the rows it adds, so only events stored before
   * count; and a row a transaction has just added is invisible, so unclaimable, to every other. One
   * statement where storing and then claiming (claimRuns) took two.
   */
  async insertClaiming(
    tx: EntityManager,
    drafts: InboundDraft[],
    limits: TransactionLimits,
  ): Promise<Array<{ stored: StoredEvent; claimed?: ClaimedEvent }>> {
    // What the receiver has in hand (the message's bytes and its parsed envelope) is not read back from the row.
    const byKey = new Map(drafts.map((draft) => [draft.dedupeKey, draft]));
    const rows = (await this.insertRows(drafts, tx, limits)).map((row) => ({ row, stored: toStored(row) }));
    // The statement cannot see the rows it adds: an event after one of its aggregate stored dead by this very
    // batch is held behind it all the same.
    const firstDead = new Map<string, StoredEvent>();
    for (const { row, stored } of rows) {
      const known = firstDead.get(stored.aggregateKey);
      if (row.status === 'dead' && (!known || streamOrder(stored, known) < 0)) firstDead.set(stored.aggregateKey, stored);
    }
    return rows
      .filter(({ row }) => row.status === 'pending')
      .map(({ row, stored }) => {
        const draft = byKey.get(row.dedupe_key)!;
        const dead = firstDead.get(stored.aggregateKey);
        const held = row.earlier_open || (dead !== undefined && streamOrder(dead, stored) < 0);
        const claimed = { ...toClaimed(row), data: Buffer.from(draft.data), envelope: draft.envelope };
        return { stored, ...(held ? {} : { claimed }) };
      });
  }

  /** Claiming, with the limits of the transaction that stores and handles the events; else only storing. Every row added, dead ones too. */
  private async insertRows(
    drafts: InboundDraft[],
    manager: EntityManager,
    claiming?: TransactionLimits,
  ): Promise<Array<Record<string, any>>> {
    if (drafts.length === 0) return [];
    // The limits are set by this statement before it stores a row (an uncorrelated subquery runs first, once):
    // a lock wait on a dedupe key is already bounded, and every later statement of the transaction. The
    // transaction runs on generic plans (queryOnGenericPlans), as every one that handles events.
    const limited = claiming
      ? `WHERE (SELECT set_config('idle_in_transaction_session_timeout', $11, true) || set_config('statement_timeout', $12, true)
                       || set_config('lock_timeout', $13, true)) IS NOT NULL`
      : '';
    const column = <T>(value: (d: InboundDraft) => T) => drafts.map(value);
    // One statement of constant text whatever the batch's size (one prepared statement).
    const returning = claiming
      ? `${CLAIMED_COLUMNS_BUT_DATA}, dedupe_key, stream_created, stream_seq, status`
      : 'id, aggregate_key, stream_created, stream_seq, status';
    const inserted = `INSERT INTO inbound_event (dedupe_key, event_id, subject, aggregate_key, stream_created, stream_seq, data, status, last_error, trace_context, dead_at, attempts)
         SELECT d.dedupe_key, d.event_id, d.subject, d.aggregate_key, d.stream_created, d.stream_seq, d.data, d.status, d.last_error,
                d.trace_context, CASE WHEN d.status = 'dead' THEN now() END, CASE WHEN d.status = 'dead' THEN 1 ELSE 0 END
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::bigint[], $7::bytea[], $8::text[], $9::text[], $10::jsonb[])
                AS d (dedupe_key, event_id, subject, aggregate_key, stream_created, stream_seq, data, status, last_error, trace_context)
         ${limited}
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING ${returning}`;
    const params = [
      column((d) => d.dedupeKey),
      column((d) => d.eventId),
      column((d) => d.subject),
      column((d) => d.aggregateKey),
      column((d) => d.streamCreated),
      column((d) => d.streamSeq),
      column((d) => Buffer.from(d.data)),
      column((d) => (d.deadReason ? 'dead' : 'pending')),
      column((d) => d.deadReason ?? null),
      column((d) => (d.traceContext ? JSON.stringify(d.traceContext) : null)),
      ...(claiming ? [String(claiming.idleInTransactionMs), String(claiming.statementMs), String(claiming.lockMs)] : []),
    ];
    return claiming
      ? queryOnGenericPlans(manager, `WITH e AS (${inserted}) SELECT e.*, ${EARLIER_OPEN} AS earlier_open FROM e`, params)
      : manager.query(inserted, params);
  }

  /**
   * Marks the handled events done and answers the events still pending in their aggregates (oldest first,
   * at most `limit`), in the last statement of the transaction that handled them, which commits it in the
   * same round trip (queryAndCommit): each aggregate's first one is then its head, and the processor hands
   * them on without a query for what is due.
   * The marking runs to completion whatever the query reads; the query, whose snapshot still sees the
   * handled events pending, leaves them out. Read through the `inbound_event_open` index.
   */
  async markDoneListingBehind(tx: EntityManager, ids: string[], aggregateKeys: string[], limit: number): Promise<StoredEvent[]> {
    const rows = await queryAndCommit<{ id: string; aggregate_key: string; stream_created: Date; stream_seq: string }>(
      tx,
      `WITH done AS (
         UPDATE inbound_event SET status = 'done', handled_at = now(), data = NULL WHERE id = ANY($1::bigint[]) RETURNING id
       )
       SELECT id, aggregate_key, stream_created, stream_seq FROM inbound_event
        WHERE aggregate_key = ANY($2::text[]) AND status = 'pending' AND id <> ALL($1::bigint[])
        ORDER BY stream_created, stream_seq LIMIT $3`,
      [ids, aggregateKeys, limit],
    );
    return rows.map((row) => ({
      id: String(row.id),
      aggregateKey: row.aggregate_key,
      streamCreated: row.stream_created,
      streamSeq: Number(row.stream_seq),
    }));
  }

  /**
   * Runs of events ready to be handled: each starts at the oldest open event of an aggregate, when that one
   * is pending and due, and goes on with the pending events after it (up to `runLength`). Only events at or
   * below the consumer's ack floor qualify in the current stream: above it an earlier one may not have arrived.
   */
  async dueRuns(
    stream: { created: Date; ackFloor: number },
    heads: number,
    runLength: number,
  ): Promise<{ runs: DueRun[]; nextDueInMs: number | null }> {
    const [row]: Array<{ runs: DueRun[]; next_due_ms: number | null }> = await this.dataSource.query(
      `WITH heads AS (
         SELECT id, aggregate_key, stream_created, stream_seq FROM inbound_event e
          WHERE status = 'pending' AND next_attempt_at <= now() AND (stream_created < $1 OR stream_seq <= $2) AND NOT ${EARLIER_OPEN}
          ORDER BY stream_created, stream_seq LIMIT $3),
       runs AS (
         SELECT h.aggregate_key, h.stream_created, h.stream_seq, run.ids FROM heads h CROSS JOIN LATERAL (
           SELECT array_agg(f.id::text ORDER BY f.stream_created, f.stream_seq) AS ids FROM (
             SELECT id, stream_created, stream_seq FROM inbound_event f
              WHERE f.aggregate_key = h.aggregate_key AND f.status = 'pending'
                AND (f.stream_created, f.stream_seq) >= (h.stream_created, h.stream_seq)
                AND (f.stream_created < $1 OR f.stream_seq <= $2)
              ORDER BY f.stream_created, f.stream_seq LIMIT $4) f) run)
       SELECT coalesce((SELECT json_agg(json_build_object('aggregate', aggregate_key, 'ids', ids) ORDER BY stream_created, stream_seq) FROM runs), '[]') AS runs,
              -- when the next retry or wait of a head comes due, so the processor can sleep until then
              (SELECT extract(epoch FROM min(next_attempt_at) - now()) * 1000 FROM inbound_event e
                WHERE status = 'pending' AND next_attempt_at > now() AND NOT ${EARLIER_OPEN})::float8 AS next_due_ms`,
      [stream.created, stream.ackFloor, heads, runLength],
    );
    return { runs: row.runs, nextDueInMs: row.next_due_ms === null ? null : Math.max(0, Math.ceil(row.next_due_ms)) };
  }

  /**
   * Locks the event for handling if it is still pending, due and the head of its aggregate; another replica's
   * lock skips it. As the first statement of the handling transaction it puts that on generic plans.
   */
  async claim(tx: EntityManager, id: string, options: { dead?: boolean } = {}): Promise<ClaimedEvent | undefined> {
    const rows = await queryOnGenericPlans<Record<string, any>>(
      tx,
      `SELECT ${CLAIMED_COLUMNS} FROM inbound_event e
        WHERE id = $1 AND status = $2 AND ($3 OR next_attempt_at <= now()) AND NOT ${EARLIER_OPEN}
        FOR UPDATE SKIP LOCKED`,
      [id, options.dead ? 'dead' : 'pending', options.dead ?? false],
    );
    return rows[0] ? toClaimed(rows[0]) : undefined;
  }

  /**
   * Locks runs (see dueRuns): each head as `claim` does, then the events after it, which nobody else can
   * take while their head is open. A run whose head another replica holds is left out; a run stops at a gap:
   * at a follower that is gone, or one with an open event before it that is not in its run (stored earlier,
   * say, or dead on arrival between two of the run's events).
   */
  async claimRuns(tx: EntityManager, runs: string[][]): Promise<ClaimedEvent[][]> {
    const heads: ClaimedEvent[] = (
      await queryOnGenericPlans<Record<string, any>>(
        tx,
        `SELECT ${CLAIMED_COLUMNS} FROM inbound_event e
          WHERE id = ANY($1::bigint[]) AND status = 'pending' AND next_attempt_at <= now() AND NOT ${EARLIER_OPEN}
          FOR UPDATE SKIP LOCKED`,
        [runs.map((run) => run[0])],
      )
    ).map(toClaimed);
    const claimedHeads = new Map(heads.map((event) => [event.id, event]));
    const followerIds = runs.filter((run) => claimedHeads.has(run[0])).flatMap((run) => run.slice(1));
    const followers = new Map<string, ClaimedEvent>();
    if (followerIds.length > 0) {
      const rows = await tx.query(
        `SELECT ${CLAIMED_COLUMNS} FROM inbound_event e
          WHERE id = ANY($1::bigint[]) AND status = 'pending'
            AND NOT EXISTS (SELECT 1 FROM inbound_event p
                  WHERE p.aggregate_key = e.aggregate_key AND p.status IN ('pending', 'dead')
                    AND (p.stream_created, p.stream_seq) < (e.stream_created, e.stream_seq) AND p.id <> ALL($2::bigint[]))
          FOR UPDATE SKIP LOCKED`,
        [followerIds, runs.filter((run) => claimedHeads.has(run[0])).flat()],
      );
      for (const row of rows) followers.set(String(row.id), toClaimed(row));
    }
    return runs
      .filter((run) => claimedHeads.has(run[0]))
      .map((run) => {
        const claimed = [claimedHeads.get(run[0])!];
        for (const id of run.slice(1)) {
          const next = followers.get(id);
          if (!next) break;
          claimed.push(next);
        }
        return claimed;
      });
  }

  /** The effect committed with this: the events are handled; their bodies are no longer needed. */
  async markDone(tx: EntityManager, ids: string[], resolution?: 'replayed'): Promise<void> {
    await tx.query(
      `UPDATE inbound_event SET status = 'done', handled_at = now(), data = NULL, resolution = $2 WHERE id = ANY($1::bigint[])`,
      [ids, resolution ?? null],
    );
  }

  async recordFailure(id: string, outcome: { error: string; retryInMs: number; dead: boolean; waiting: boolean }): Promise<void> {
    await this.dataSource.query(
      `UPDATE inbound_event SET
          attempts = attempts + CASE WHEN $4 THEN 0 ELSE 1 END,
          waits = waits + CASE WHEN $4 THEN 1 ELSE 0 END,
          first_failed_at = CASE WHEN $4 THEN first_failed_at ELSE coalesce(first_failed_at, now()) END,
          waiting_since = CASE WHEN $4 THEN coalesce(waiting_since, now()) ELSE waiting_since END,
          next_attempt_at = now() + make_interval(secs => $3::float8 / 1000),
          last_error = $2,
          status = CASE WHEN $5 THEN 'dead' ELSE status END,
          dead_at = CASE WHEN $5 THEN now() ELSE dead_at END
        WHERE id = $1 AND status IN ('pending', 'dead')`,
      [id, outcome.error.slice(0, 2000), outcome.retryInMs, outcome.waiting, outcome.dead],
    );
  }

  async deadLetters(options: { includeResolved?: boolean; limit?: number } = {}): Promise<InboundDeadLetter[]> {
    const rows = await this.dataSource.query(
      `SELECT d.*, (SELECT count(*)::int FROM inbound_event h
                     WHERE h.aggregate_key = d.aggregate_key AND h.status = 'pending'
                       AND (h.stream_created, h.stream_seq) > (d.stream_created, d.stream_seq)) AS held_behind
         FROM inbound_event d
        WHERE d.status = 'dead' OR ($1 AND d.dead_at IS NOT NULL)
        ORDER BY d.stream_created, d.stream_seq, d.id LIMIT $2`,
      [options.includeResolved ?? false, options.limit ?? 100],
    );
    return rows.map(toDeadLetter);
  }

  async deadLetter(id: string): Promise<InboundDeadLetter | undefined> {
    if (!/^\d{1,18}$/.test(id)) return undefined;
    const rows = await this.dataSource.query(`SELECT d.*, 0 AS held_behind FROM inbound_event d WHERE id = $1 AND dead_at IS NOT NULL`, [
      id,
    ]);
    return rows.map(toDeadLetter)[0];
  }

  /** The oldest dead letter of the same aggregate before this one, which must be replayed or skipped first. */
  async earlierDeadLetter(id: string): Promise<string | undefined> {
    const rows = await this.dataSource.query(
      `SELECT p.id FROM inbound_event e JOIN inbound_event p ON p.aggregate_key = e.aggregate_key
        WHERE e.id = $1 AND p.status = 'dead' AND (p.stream_created, p.stream_seq) < (e.stream_created, e.stream_seq)
        ORDER BY p.stream_created, p.stream_seq LIMIT 1`,
      [id],
    );
    return rows[0] ? String(rows[0].id) : undefined;
  }

  async skip(id: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = await manager.query(
      `UPDATE inbound_event SET status = 'skipped', resolution = 'skipped', handled_at = now() WHERE id = $1 AND status = 'dead' RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  /** The last stream position received from the stream created at `created`, to resume a recreated consumer after it. */
  async lastReceivedSeq(created: Date): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT max(stream_seq)::text AS seq FROM inbound_event WHERE stream_created = $1`, [
      created,
    ]);
    return Number(row?.seq ?? 0);
  }

  async figures(): Promise<InboundFigures> {
    const [row] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
              count(*) FILTER (WHERE status = 'pending' AND waiting_since IS NOT NULL)::int AS waiting,
              count(*) FILTER (WHERE status = 'pending' AND first_failed_at IS NOT NULL)::int AS retrying,
              count(*) FILTER (WHERE status = 'dead')::int AS dead_letters,
              count(DISTINCT aggregate_key) FILTER (WHERE status = 'dead')::int AS parked,
              coalesce(extract(epoch FROM now() - min(received_at) FILTER (WHERE status = 'pending')), 0)::float8 AS oldest
         FROM inbound_event WHERE status IN ('pending', 'dead')`,
    );
    const [held] = await this.dataSource.query(
      `SELECT count(*)::int AS held FROM inbound_event h WHERE h.status = 'pending'
          AND EXISTS (SELECT 1 FROM inbound_event d WHERE d.aggregate_key = h.aggregate_key AND d.status = 'dead'
                        AND (d.stream_created, d.stream_seq) < (h.stream_created, h.stream_seq))`,
    );
    return {
      pending: row.pending,
      waiting: row.waiting,
      retrying: row.retrying,
      deadLetters: row.dead_letters,
      parkedAggregates: row.parked,
      heldBehindDeadLetters: held.held,
      oldestPendingSeconds: Math.round(row.oldest),
    };
  }

  /** Handled and skipped events are forgotten after the retention, which outlives the stream and the re-publish window. */
  async prune(retentionHours: number): Promise<number> {
    const [, removed] = await this.dataSource.query(
      `DELETE FROM inbound_event WHERE status IN ('done', 'skipped') AND handled_at < now() - make_interval(hours => $1)`,
      [retentionHours],
    );
    return removed ?? 0;
  }
}

/** Negative when `a` was delivered before `b` (see EARLIER_OPEN). */
function streamOrder(a: StoredEvent, b: StoredEvent): number {
  return a.streamCreated.getTime() - b.streamCreated.getTime() || a.streamSeq - b.streamSeq;
}

function toStored(row: Record<string, any>): StoredEvent {
  return { id: String(row.id), aggregateKey: row.aggregate_key, streamCreated: row.stream_created, streamSeq: Number(row.stream_seq) };
}

function toClaimed(row: Record<string, any>): ClaimedEvent {
  return {
    id: String(row.id),
    subject: row.subject,
    aggregateKey: row.aggregate_key,
    data: row.data,
    attempts: row.attempts,
    waits: row.waits,
    firstFailedAt: row.first_failed_at,
    waitingSince: row.waiting_since,
    traceContext: row.trace_context ?? null,
  };
}

function toDeadLetter(row: Record<string, any>): InboundDeadLetter {
  return {
    id: String(row.id),
    subject: row.subject,
    streamSeq: String(row.stream_seq),
    eventId: row.event_id,
    aggregateKey: row.aggregate_key,
    data: row.data,
    reason: row.last_error,
    attempts: row.attempts,
    createdAt: row.received_at,
    deadAt: row.dead_at,
    replayedAt: row.resolution === 'replayed' ? row.handled_at : null,
    skippedAt: row.resolution === 'skipped' ? row.handled_at : null,
    heldBehind: row.held_behind,
  };
}
