import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { jsonField, queryRows } from '@alur/database';

/** One reminder's line in a digest, as its template lists it. */
export type DigestLine = Record<string, unknown>;

/** A reminder waiting for its recipient's next digest. */
export interface DigestItem {
  notificationId: string;
  line: DigestLine;
}

const ItemRow = z
  .object({ notification_id: z.string(), line: jsonField(z.record(z.string(), z.unknown())) })
  .transform((row): DigestItem => ({ notificationId: row.notification_id, line: row.line }));

const PendingUserRow = z.object({ user_id: z.string() });
const CreatedDigestRow = z.object({ id: z.string() });

/** Reminder digests: the reminders each official collects for the day, and the digest that sends them once a day. */
@Injectable()
export class DigestRepository {
  /** The users with reminders not yet in a digest. */
  async usersWithPendingItems(db: EntityManager): Promise<string[]> {
    const rows = await queryRows(db, PendingUserRow, 'SELECT DISTINCT user_id FROM digest_item WHERE digest_id IS NULL');
    return rows.map((row) => row.user_id);
  }

  /** The user's reminders not yet in a digest, oldest first, row-locked (rows another run holds are skipped). */
  async lockPendingItems(tx: EntityManager, userId: string): Promise<DigestItem[]> {
    return queryRows(
      tx,
      ItemRow,
      `SELECT notification_id, line FROM digest_item WHERE user_id = $1 AND digest_id IS NULL ORDER BY created_at, notification_id FOR UPDATE SKIP LOCKED`,
      [userId],
    );
  }

  /** Creates the user's digest of the day; answers its id, or null when that day's digest already exists. */
  async createDigest(tx: EntityManager, userId: string, digestDate: string, itemCount: number): Promise<string | null> {
    const [digest] = await queryRows(
      tx,
      CreatedDigestRow,
      `INSERT INTO reminder_digest (id, user_id, digest_date, item_count) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, digest_date) DO NOTHING RETURNING id`,
      [randomUUID(), userId, digestDate, itemCount],
    );
    return digest?.id ?? null;
  }

  /** Puts the reminders into the digest, so that no later run sends them again. */
  async assign(tx: EntityManager, digestId: string, notificationIds: readonly string[]): Promise<void> {
    await tx.query('UPDATE digest_item SET digest_id = $1 WHERE notification_id = ANY($2::uuid[])', [digestId, notificationIds]);
  }
}
