import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { jsonField, queryRows, updateRows } from '@alur/database';
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

/** The in-app inbox: every notification of every user, read or not. */
@Injectable()
export class NotificationRepository {
  /**
   * Adds the notification unless the same event already gave this recipient one of this kind (a
   * redelivered or replayed event): answers the new id, or null for such a repeat.
   */
  async add(tx: EntityManager, notification: NewNotification): Promise<string | null> {
    const [inserted] = await queryRows(
      tx,
      z.object({ id: z.string() }),
      `INSERT INTO notification (id, recipient_user_id, event_id, kind, proposal_id, content, link, acting_for)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (event_id, recipient_user_id, kind) DO NOTHING RETURNING id`,
      [
        randomUUID(),
        notification.recipientUserId,
        notification.eventId,
        notification.kind,
        notification.proposalId,
        JSON.stringify(notification.content),
        notification.link,
        notification.actingFor ? JSON.stringify(notification.actingFor) : null,
      ],
    );
    return inserted?.id ?? null;
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
      z.object({ total: Count, unread: Count }),
      `SELECT count(*) AS total, count(*) FILTER (WHERE read_at IS NULL) AS unread FROM notification WHERE recipient_user_id = $1`,
      [userId],
    );
    return counts;
  }

  async unreadCount(db: EntityManager, userId: string): Promise<number> {
    const [{ count }] = await queryRows(
      db,
      z.object({ count: Count }),
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
      z.object({ id: z.string() }),
      'UPDATE notification SET read_at = now() WHERE recipient_user_id = $1 AND read_at IS NULL RETURNING id',
      [userId],
    );
    return marked.length;
  }
}
