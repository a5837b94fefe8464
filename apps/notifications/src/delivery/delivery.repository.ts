import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ExternalChannel, NotificationKind } from '../messages/notification-kind';

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

/** The delivery log: one row per (source, recipient, channel), with every attempt beside it. */
@Injectable()
export class DeliveryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Inserts the deliveries that do not exist yet (the unique key drops repeats), each with its
   * `queued` attempt, and returns the new ones: one statement for all of an event's deliveries
   * rather than two round trips per delivery.
   */
  async create(tx: EntityManager, drafts: readonly DeliveryDraft[]): Promise<Array<{ id: string; retryRound: number }>> {
    if (drafts.length === 0) return [];
    const column = <K extends keyof DeliveryDraft>(key: K) => drafts.map((d) => d[key]);
    const rows: Array<{ id: string }> = await tx.query(
      `WITH created AS (
         INSERT INTO delivery (id, source_id, recipient_user_id, channel, kind, notification_id, address, subject, body, status)
         SELECT id, source_id, recipient_user_id, channel, kind, notification_id, address, subject, body, 'queued'
           FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::text[], $9::text[])
                AS d (id, source_id, recipient_user_id, channel, kind, notification_id, address, subject, body)
         ON CONFLICT (source_id, recipient_user_id, channel) DO NOTHING RETURNING id
       ), attempts AS (
         INSERT INTO delivery_attempt (delivery_id, attempt, outcome) SELECT id, 0, 'queued' FROM created
       )
       SELECT id FROM created`,
      [
        drafts.map(() => randomUUID()),
        column('sourceId'),
        column('recipientUserId'),
        column('channel'),
        column('kind'),
        column('notificationId'),
        column('address'),
        column('subject'),
        column('body'),
      ],
    );
    return rows.map(({ id }) => ({ id, retryRound: 0 }));
  }

  /**
   * Claims a delivery for one send: only a queued or retrying row can be claimed, and the conditional
   * update lets exactly one worker win it. A row left `sending` by a worker that died is never sent
   * again automatically (see DeliveryReconciler).
   */
  async claim(id: string): Promise<ClaimedDelivery | null> {
    const [rows] = await this.dataSource.query(
      `UPDATE delivery SET status = 'sending', attempts = attempts + 1, updated_at = now()
       WHERE id = $1 AND status IN ('queued', 'retrying')
       RETURNING id, channel, address, subject, body, attempts`,
      [id],
    );
    return (rows as ClaimedDelivery[])[0] ?? null;
  }

  async markSent(id: string, attempt: number, providerMessageId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `UPDATE delivery SET status = 'sent', provider_message_id = $2, last_error = NULL, sent_at = now(), updated_at = now() WHERE id = $1`,
        [id, providerMessageId],
      );
      await tx.query(`INSERT INTO delivery_attempt (delivery_id, attempt, outcome) VALUES ($1, $2, 'sent')`, [id, attempt]);
    });
  }

  /** Records a failed attempt; the delivery is `failed` after the last one, `retrying` before. */
  async markAttemptFailed(id: string, attempt: number, reason: string, final: boolean): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`UPDATE delivery SET status = $2, last_error = $3, updated_at = now() WHERE id = $1`, [
        id,
        final ? 'failed' : 'retrying',
        reason,
      ]);
      await tx.query(`INSERT INTO delivery_attempt (delivery_id, attempt, outcome, reason) VALUES ($1, $2, 'failed', $3)`, [
        id,
        attempt,
        reason,
      ]);
    });
  }

  /** Queued or retrying deliveries untouched for `olderThanMs`: their job may have been lost with Redis. */
  async stale(olderThanMs: number, now: Date): Promise<Array<{ id: string; retryRound: number }>> {
    const rows: Array<{ id: string; retry_round: number }> = await this.dataSource.query(
      `SELECT id, retry_round FROM delivery WHERE status IN ('queued', 'retrying') AND updated_at < $1 ORDER BY updated_at LIMIT 1000`,
      [new Date(now.getTime() - olderThanMs)],
    );
    return rows.map((row) => ({ id: row.id, retryRound: row.retry_round }));
  }

  /**
   * A delivery `sending` for longer than any send can take was interrupted between claim and record:
   * the message may or may not have gone out, so it is marked failed for an operator to decide.
   */
  async failInterrupted(olderThanMs: number, now: Date): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const rows: Array<{ id: string; attempts: number }> = await tx.query(
        `SELECT id, attempts FROM delivery WHERE status = 'sending' AND updated_at < $1 FOR UPDATE SKIP LOCKED`,
        [new Date(now.getTime() - olderThanMs)],
      );
      const reason = 'interrupted while sending: the message may have gone out; check with the recipient before retrying';
      for (const row of rows) {
        await tx.query(`UPDATE delivery SET status = 'failed', last_error = $2, updated_at = now() WHERE id = $1`, [row.id, reason]);
        await tx.query(`INSERT INTO delivery_attempt (delivery_id, attempt, outcome, reason) VALUES ($1, $2, 'failed', $3)`, [
          row.id,
          row.attempts,
          reason,
        ]);
      }
      return rows.length;
    });
  }
}
