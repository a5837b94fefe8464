import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { jsonField, numberedAfter, queryRows, RidingStatement, runAlone, updateRows } from '@alur/database';
import { DeliveryDraft, deliveriesInsert, deliveryParams, QueuedDelivery } from '../delivery/delivery.repository';
import { DigestLine } from '../digest/digest.repository';
import { Language } from '../messages/domain/notification-kind';
import { RenderedMessage } from '../messages/domain/rendered-message';
import { Audience } from '../recipients/domain/audience';
import { StoredNotification } from './domain/inbox-item';

const Rendered = z.object({ title: z.string(), body: z.string() });

/** A `notification` row as the inbox reads it, checked, as a StoredNotification. */
const NotificationRow = z
  .object({
    id: z.string(),
    kind: z.string(),
    content: jsonField(z.object({ id: Rendered, en: Rendered.optional() })),
    link: z.string().nullable(),
    proposal_id: z.string().nullable(),
    created_at: z.date(),
    read_at: z.date().nullable(),
  })
  .transform((row): StoredNotification => ({
    id: row.id,
    kind: row.kind,
    content: row.content,
    link: row.link,
    proposalId: row.proposal_id,
    createdAt: row.created_at,
    readAt: row.read_at,
  }));

const COLUMNS = 'id, kind, content, link, proposal_id, created_at, read_at';

/** count(*) is a bigint, which the pg driver hands over as a string. */
const Count = z.coerce.number().int();

const InboxCountsRow = z.object({ total: Count, unread: Count });
const UnreadCountRow = z.object({ count: Count });

/** The deliveries a statement created (see deliveriesInsert). */
const CreatedDeliveryRow = z.object({ id: z.string() });

const MarkedReadRow = z.object({ id: z.string() });

/** A notification about to be added to someone's inbox: one per (event, recipient, kind). */
export interface NewNotification {
  recipientUserId: string;
  eventId: string;
  kind: string;
  proposalId: string | null;
  content: Record<Language, RenderedMessage>;
  link: string;
  actingFor: Audience | null;
}

/** A notification with what follows from it: its external deliveries, or its line in the recipient's next digest. */
export interface NotificationWithFollowUps {
  notification: NewNotification;
  deliveries: Array<Omit<DeliveryDraft, 'notificationId'>>;
  digestLine: DigestLine | null;
}

/** The in-app inbox: every notification of every user, read or not. */
@Injectable()
export class NotificationRepository {
  /**
   * Adds the notifications, each unless the same event already gave its recipient one of this kind (a
   * redelivered or replayed event), and, for each one added, its deliveries or its digest line: one
   * statement for all of an event's notifications. Answers the deliveries added, to be queued.
   * `alongside` rides on that statement, or runs alone when the event notifies nobody.
   */
  async addWithFollowUps(
    tx: EntityManager,
    entries: readonly NotificationWithFollowUps[],
    alongside?: RidingStatement,
  ): Promise<QueuedDelivery[]> {
    if (entries.length === 0) {
      if (alongside) await runAlone(tx, alongside);
      return [];
    }
    const ids = entries.map(() => randomUUID());
    const notifications = entries.map((e) => e.notification);
    const digested = entries.flatMap((e, i) =>
      e.digestLine ? [{ id: ids[i], userId: e.notification.recipientUserId, line: e.digestLine }] : [],
    );
    const deliveries = entries.flatMap((e, i) => e.deliveries.map((d) => ({ ...d, notificationId: ids[i] })));
    const params = [
      ids,
      notifications.map((n) => n.recipientUserId),
      notifications.map((n) => n.eventId),
      notifications.map((n) => n.kind),
      notifications.map((n) => n.proposalId),
      notifications.map((n) => JSON.stringify(n.content)),
      notifications.map((n) => n.link),
      notifications.map((n) => (n.actingFor ? JSON.stringify(n.actingFor) : null)),
      digested.map((d) => d.id),
      digested.map((d) => d.userId),
      digested.map((d) => JSON.stringify(d.line)),
      ...deliveryParams(deliveries),
    ];
    const rider = alongside && numberedAfter(alongside, params.length);
    const rows = await queryRows(
      tx,
      CreatedDeliveryRow,
      `WITH added AS (
         INSERT INTO notification (id, recipient_user_id, event_id, kind, proposal_id, content, link, acting_for)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::uuid[], $6::jsonb[], $7::text[], $8::jsonb[])
         ON CONFLICT (event_id, recipient_user_id, kind) DO NOTHING RETURNING id
       ), digested AS (
         INSERT INTO digest_item (notification_id, user_id, line)
         SELECT i.notification_id, i.user_id, i.line FROM unnest($9::uuid[], $10::text[], $11::jsonb[]) AS i (notification_id, user_id, line)
           JOIN added ON added.id = i.notification_id
       ), ${deliveriesInsert(12, 'JOIN added ON added.id = d.notification_id')}${rider ? `, ${rider.with}` : ''}
       SELECT id FROM created`,
      [...params, ...(rider?.params ?? [])],
    );
    return rows.map(({ id }) => ({ id, retryRound: 0 }));
  }

  /** A page of the user's notifications, newest first; only the unread ones if asked. */
  async page(
    db: EntityManager,
    userId: string,
    page: { unreadOnly: boolean; limit: number; offset: number },
  ): Promise<StoredNotification[]> {
    return queryRows(
      db,
      NotificationRow,
      `SELECT ${COLUMNS} FROM notification
         WHERE recipient_user_id = $1 AND ($2::boolean = false OR read_at IS NULL)
         ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4`,
      [userId, page.unreadOnly, page.limit, page.offset],
    );
  }

  /** How many notifications the user has, and how many of them are unread. */
  async counts(db: EntityManager, userId: string): Promise<{ total: number; unread: number }> {
    const [counts] = await queryRows(
      db,
      InboxCountsRow,
      `SELECT count(*) AS total, count(*) FILTER (WHERE read_at IS NULL) AS unread FROM notification WHERE recipient_user_id = $1`,
      [userId],
    );
    return counts;
  }

  async unreadCount(db: EntityManager, userId: string): Promise<number> {
    const [{ count }] = await queryRows(
      db,
      UnreadCountRow,
      'SELECT count(*) FROM notification WHERE recipient_user_id = $1 AND read_at IS NULL',
      [userId],
    );
    return count;
  }

  /**
   * Marks one of the user's own notifications read, keeping the first time it was read; answers it,
   * or undefined when the user has no notification with that id (someone else's included).
   */
  async markRead(db: EntityManager, id: string, userId: string): Promise<StoredNotification | undefined> {
    const [notification] = await updateRows(
      db,
      NotificationRow,
      `UPDATE notification SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND recipient_user_id = $2 RETURNING ${COLUMNS}`,
      [id, userId],
    );
    return notification;
  }

  /** Marks every unread notification of the user read; answers how many. */
  async markAllRead(db: EntityManager, userId: string): Promise<number> {
    const marked = await updateRows(
      db,
      MarkedReadRow,
      'UPDATE notification SET read_at = now() WHERE recipient_user_id = $1 AND read_at IS NULL RETURNING id',
      [userId],
    );
    return marked.length;
  }
}
