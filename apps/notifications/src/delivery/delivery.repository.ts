import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { EXTERNAL_CHANNELS, NOTIFICATION_DELIVERY_STATUSES } from '@alur/contracts';
import { queryRows, updateRows } from '@alur/database';
import { ExternalChannel, NotificationKind } from '../messages/domain/notification-kind';
import { DeliveryAttempt, DeliveryLogEntry } from './domain/delivery-log-entry';

/** A message for one recipient on one channel, about one source (an event, or a digest). */
export interface DeliveryDraft {
  sourceId: string;
  recipientUserId: string;
  channel: ExternalChannel;
  kind: NotificationKind;
  notificationId: string | null;
  address: string;
  subject: string;
  body: string;
}

export interface ClaimedDelivery {
  id: string;
  channel: ExternalChannel;
  address: string;
  subject: string;
  body: string;
  attempts: number;
}

/** A delivery whose job is (or must be) on the queue: the job id is versioned by the operator's retry round. */
export interface QueuedDelivery {
  id: string;
  retryRound: number;
}

/** How one claimed attempt ended: sent (with the provider's id), or failed (the last attempt, or to be retried). */
export type AttemptOutcome =
  | { id: string; attempt: number; outcome: 'sent'; providerMessageId: string }
  | { id: string; attempt: number; outcome: 'failed'; reason: string; final: boolean };

/** Which deliveries of the log to list: by status, and optionally by recipient (username or user id). */
export interface DeliveryFilter {
  status: string;
  recipient: string | null;
  limit: number;
  offset: number;
}

const Channel = z.enum(EXTERNAL_CHANNELS);

/** A `delivery` row with its recipient's username, checked, as a DeliveryLogEntry. */
const LogEntryRow = z
  .object({
    id: z.string(),
    recipient_user_id: z.string(),
    username: z.string().nullable(),
    channel: Channel,
    kind: z.string(),
    address: z.string(),
    subject: z.string(),
    status: z.enum(NOTIFICATION_DELIVERY_STATUSES),
    attempts: z.number().int(),
    last_error: z.string().nullable(),
    provider_message_id: z.string().nullable(),
    created_at: z.date(),
    updated_at: z.date(),
    sent_at: z.date().nullable(),
  })
  .transform((row): DeliveryLogEntry => ({
    id: row.id,
    recipientUserId: row.recipient_user_id,
    username: row.username,
    channel: row.channel,
    kind: row.kind,
    address: row.address,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    providerMessageId: row.provider_message_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sentAt: row.sent_at,
  }));

const AttemptRow = z
  .object({ attempt: z.number().int(), outcome: z.string(), reason: z.string().nullable(), occurred_at: z.date() })
  .transform((row): DeliveryAttempt => ({ attempt: row.attempt, outcome: row.outcome, reason: row.reason, at: row.occurred_at }));

const ClaimedRow = z.object({
  id: z.string(),
  channel: Channel,
  address: z.string(),
  subject: z.string(),
  body: z.string(),
  attempts: z.number().int(),
});

/** A stale delivery with its `updated_at` as text (to the microsecond): the last of a page is where the next goes on. */
export interface StaleDelivery extends QueuedDelivery {
  updatedAt: string;
}

const StaleRow = z
  .object({ id: z.string(), retry_round: z.number().int(), updated_at: z.string() })
  .transform((row): StaleDelivery => ({ id: row.id, retryRound: row.retry_round, updatedAt: row.updated_at }));

/** The deliveries a statement created (see deliveriesInsert). */
const CreatedDeliveryRow = z.object({ id: z.string() });

/** A delivery left `sending`, with its attempts so far. */
const InterruptedDeliveryRow = z.object({ id: z.string(), attempts: z.number().int() });

/** count(*) is a bigint, which the pg driver hands over as a string. */
const DeliveryCountRow = z.object({ count: z.coerce.number().int() });

const RequeuedDeliveryRow = z.object({ retry_round: z.number().int(), attempts: z.number().int() });

const DeliveryStatusRow = z.object({ status: z.string() });

const ChannelStatusCountRow = z.object({ channel: z.string(), status: z.string(), count: z.number().int() });

const LOG_ENTRY = `SELECT d.*, r.username FROM delivery d LEFT JOIN recipient r ON r.user_id = d.recipient_user_id`;
const FILTER = `WHERE d.status = $1 AND ($2::text IS NULL OR r.username = $2 OR d.recipient_user_id = $2)`;

/** The delivery log: one row per (source, recipient, channel), with every attempt beside it. */
/**
 * The common table expressions that insert the deliveries of `deliveryParams` (the nine parameters from
 * `$first`) that do not exist yet (the unique key drops repeats), each with its `queued` attempt: `created`
 * holds the new ids. `onlyFor` may join the drafts (`d`) to narrow them, as a statement that also inserts
 * their notifications does.
 */
export function deliveriesInsert(first: number, onlyFor = ''): string {
  const $ = (n: number) => `$${first + n}`;
  return `created AS (
         INSERT INTO delivery (id, source_id, recipient_user_id, channel, kind, notification_id, address, subject, body, status)
         SELECT d.id, d.source_id, d.recipient_user_id, d.channel, d.kind, d.notification_id, d.address, d.subject, d.body, 'queued'
           FROM unnest(${$(0)}::uuid[], ${$(1)}::uuid[], ${$(2)}::text[], ${$(3)}::text[], ${$(4)}::text[], ${$(5)}::uuid[], ${$(6)}::text[],
                       ${$(7)}::text[], ${$(8)}::text[])
                AS d (id, source_id, recipient_user_id, channel, kind, notification_id, address, subject, body) ${onlyFor}
         ON CONFLICT (source_id, recipient_user_id, channel) DO NOTHING RETURNING id
       ), attempts AS (
         INSERT INTO delivery_attempt (delivery_id, attempt, outcome) SELECT id, 0, 'queued' FROM created
       )`;
}

/** The nine parameters of `deliveriesInsert`, one array per column. */
export function deliveryParams(drafts: readonly DeliveryDraft[]): unknown[] {
  const column = <K extends keyof DeliveryDraft>(key: K) => drafts.map((d) => d[key]);
  return [
    drafts.map(() => randomUUID()),
    column('sourceId'),
    column('recipientUserId'),
    column('channel'),
    column('kind'),
    column('notificationId'),
    column('address'),
    column('subject'),
    column('body'),
  ];
}

@Injectable()
export class DeliveryRepository {
  /**
   * Inserts the deliveries that do not exist yet (the unique key drops repeats), each with its
   * `queued` attempt, and returns the new ones: one statement for all of an event's deliveries
   * rather than two round trips per delivery.
   */
  async create(tx: EntityManager, drafts: readonly DeliveryDraft[]): Promise<QueuedDelivery[]> {
    if (drafts.length === 0) return [];
    const rows = await queryRows(tx, CreatedDeliveryRow, `WITH ${deliveriesInsert(1)} SELECT id FROM created`, deliveryParams(drafts));
    return rows.map(({ id }) => ({ id, retryRound: 0 }));
  }

  /**
   * Claims a delivery for one send: only a queued or retrying row can be claimed, and the conditional
   * update lets exactly one worker win it. A row left `sending` by a worker that died is never sent
   * again automatically (see DeliveryReconciler).
   */
  async claim(db: EntityManager, id: string): Promise<ClaimedDelivery | null> {
    const [claimed] = await this.claimAll(db, [id]);
    return claimed;
  }

  /**
   * Claims several deliveries in one statement (one commit when run on its own), each as `claim` does:
   * answers, for each id in order, the claimed delivery or null. An id asked for twice is claimed
   * once, for its first asker.
   */
  async claimAll(db: EntityManager, ids: readonly string[]): Promise<Array<ClaimedDelivery | null>> {
    const rows = await updateRows(
      db,
      ClaimedRow,
      `UPDATE delivery SET status = 'sending', attempts = attempts + 1, updated_at = now()
       WHERE id = ANY($1::uuid[]) AND status IN ('queued', 'retrying')
       RETURNING id, channel, address, subject, body, attempts`,
      [[...new Set(ids)]],
    );
    const claimed = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => {
      const row = claimed.get(id) ?? null;
      claimed.delete(id);
      return row;
    });
  }

  /**
   * Records the outcome of claimed attempts, sent or failed, in one statement (one commit when run on
   * its own): each delivery's status (sent; failed after the last attempt, retrying before) and its
   * attempt beside it, written together. Only a delivery still `sending` its claimed attempt takes
   * the outcome, so that writing it again (after a lost connection, when whether the first commit
   * happened is unknown) changes nothing and records the attempt once.
   */
  async recordOutcomes(db: EntityManager, outcomes: readonly AttemptOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    await db.query(
      `WITH outcome AS (
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[])
                AS o (id, attempt, status, provider_message_id, reason)
       ), updated AS (
         UPDATE delivery d
            SET status = o.status,
                provider_message_id = CASE WHEN o.status = 'sent' THEN o.provider_message_id ELSE d.provider_message_id END,
                last_error = o.reason,
                sent_at = CASE WHEN o.status = 'sent' THEN now() ELSE d.sent_at END,
                updated_at = now()
           FROM outcome o WHERE d.id = o.id AND d.status = 'sending' AND d.attempts = o.attempt
         RETURNING d.id
       )
       INSERT INTO delivery_attempt (delivery_id, attempt, outcome, reason)
       SELECT o.id, o.attempt, CASE WHEN o.status = 'sent' THEN 'sent' ELSE 'failed' END, o.reason FROM outcome o JOIN updated u ON u.id = o.id`,
      [
        outcomes.map((o) => o.id),
        outcomes.map((o) => o.attempt),
        outcomes.map((o) => (o.outcome === 'sent' ? 'sent' : o.final ? 'failed' : 'retrying')),
        outcomes.map((o) => (o.outcome === 'sent' ? o.providerMessageId : null)),
        outcomes.map((o) => (o.outcome === 'sent' ? null : o.reason)),
      ],
    );
  }

  /**
   * Queued or retrying deliveries untouched for `olderThanMs`, whose job may have been lost with Redis: the
   * oldest `limit` after the delivery `after` (from the start when null), by `updated_at` then id.
   */
  async stale(db: EntityManager, olderThanMs: number, now: Date, after: StaleDelivery | null, limit: number): Promise<StaleDelivery[]> {
    return queryRows(
      db,
      StaleRow,
      `SELECT id, retry_round, updated_at::text AS updated_at FROM delivery
        WHERE status IN ('queued', 'retrying') AND updated_at < $1
          AND ($2::timestamptz IS NULL OR (updated_at, id) > ($2::timestamptz, $3::uuid))
        ORDER BY updated_at, id LIMIT $4`,
      [new Date(now.getTime() - olderThanMs), after?.updatedAt ?? null, after?.id ?? null, limit],
    );
  }

  /**
   * A delivery `sending` for longer than any send can take was interrupted between claim and record:
   * the message may or may not have gone out, so it is marked failed (with `reason`) for an operator
   * to decide. Rows another replica holds are skipped. Answers how many; run it in a transaction.
   */
  async failInterrupted(tx: EntityManager, olderThanMs: number, now: Date, reason: string): Promise<number> {
    const rows = await queryRows(
      tx,
      InterruptedDeliveryRow,
      `SELECT id, attempts FROM delivery WHERE status = 'sending' AND updated_at < $1 FOR UPDATE SKIP LOCKED`,
      [new Date(now.getTime() - olderThanMs)],
    );
    for (const row of rows) {
      await tx.query(`UPDATE delivery SET status = 'failed', last_error = $2, updated_at = now() WHERE id = $1`, [row.id, reason]);
      await this.recordAttempt(tx, row.id, row.attempts, 'failed', reason);
    }
    return rows.length;
  }

  /** One page of the log, most recently changed first. */
  async list(db: EntityManager, filter: DeliveryFilter): Promise<DeliveryLogEntry[]> {
    return queryRows(db, LogEntryRow, `${LOG_ENTRY} ${FILTER} ORDER BY d.updated_at DESC, d.id LIMIT $3 OFFSET $4`, [
      filter.status,
      filter.recipient,
      filter.limit,
      filter.offset,
    ]);
  }

  /** How many deliveries the filter matches, all pages together. */
  async count(db: EntityManager, filter: Pick<DeliveryFilter, 'status' | 'recipient'>): Promise<number> {
    const [{ count }] = await queryRows(
      db,
      DeliveryCountRow,
      `SELECT count(*) FROM delivery d LEFT JOIN recipient r ON r.user_id = d.recipient_user_id ${FILTER}`,
      [filter.status, filter.recipient],
    );
    return count;
  }

  async find(db: EntityManager, id: string): Promise<DeliveryLogEntry | undefined> {
    const [entry] = await queryRows(db, LogEntryRow, `${LOG_ENTRY} WHERE d.id = $1`, [id]);
    return entry;
  }

  /** The delivery's attempts, in the order they happened. */
  async attemptsOf(db: EntityManager, id: string): Promise<DeliveryAttempt[]> {
    return queryRows(
      db,
      AttemptRow,
      'SELECT attempt, outcome, reason, occurred_at FROM delivery_attempt WHERE delivery_id = $1 ORDER BY id',
      [id],
    );
  }

  /**
   * Queues a failed delivery again for another full set of attempts, in the next retry round; answers
   * the round and the attempts so far, or undefined when the delivery is not failed (or does not exist).
   */
  async requeueFailed(tx: EntityManager, id: string): Promise<{ retryRound: number; attempts: number } | undefined> {
    const [retried] = await updateRows(
      tx,
      RequeuedDeliveryRow,
      `UPDATE delivery SET status = 'queued', retry_round = retry_round + 1, updated_at = now()
       WHERE id = $1 AND status = 'failed' RETURNING retry_round, attempts`,
      [id],
    );
    return retried && { retryRound: retried.retry_round, attempts: retried.attempts };
  }

  /** The delivery's status, or undefined when there is no such delivery. */
  async statusOf(tx: EntityManager, id: string): Promise<string | undefined> {
    const [current] = await queryRows(tx, DeliveryStatusRow, 'SELECT status FROM delivery WHERE id = $1', [id]);
    return current?.status;
  }

  /** Adds an attempt to the delivery's history: queued (first, or again by an operator), sent, or failed with the reason. */
  async recordAttempt(
    tx: EntityManager,
    id: string,
    attempt: number,
    outcome: 'queued' | 'sent' | 'failed',
    reason: string | null,
  ): Promise<void> {
    await tx.query('INSERT INTO delivery_attempt (delivery_id, attempt, outcome, reason) VALUES ($1, $2, $3, $4)', [
      id,
      attempt,
      outcome,
      reason,
    ]);
  }

  /** How many deliveries there are per channel and status (the deliveries figure). */
  async countsByChannelAndStatus(db: EntityManager): Promise<Array<{ channel: string; status: string; count: number }>> {
    return queryRows(db, ChannelStatusCountRow, 'SELECT channel, status, count(*)::int AS count FROM delivery GROUP BY channel, status');
  }
}
