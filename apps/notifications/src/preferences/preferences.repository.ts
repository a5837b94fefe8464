import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { EXTERNAL_CHANNELS, NOTIFICATION_CATEGORIES, NOTIFICATION_LANGUAGES } from '@alur/contracts';
import { jsonField, queryRows } from '@alur/database';
import { StoredPreferences } from './domain/notification-preferences';

/** What a user switched, per category and channel: only what they changed is stored. */
export const StoredChannels = z.partialRecord(z.enum(NOTIFICATION_CATEGORIES), z.partialRecord(z.enum(EXTERNAL_CHANNELS), z.boolean()));

/** A `preference` row, checked, as the user's StoredPreferences. */
const PreferenceRow = z.object({
  user_id: z.string(),
  language: z.enum(NOTIFICATION_LANGUAGES).nullable(),
  digest: z.boolean(),
  channels: jsonField(StoredChannels),
});

/** Each user's stored notification preferences. */
@Injectable()
export class PreferencesRepository {
  async find(tx: EntityManager, userId: string, lock = false): Promise<StoredPreferences | null> {
    return (await this.findMany(tx, [userId], lock)).get(userId) ?? null;
  }

  async findMany(tx: EntityManager, userIds: readonly string[], lock = false): Promise<Map<string, StoredPreferences>> {
    if (userIds.length === 0) return new Map();
    const rows = await queryRows(
      tx,
      PreferenceRow,
      `SELECT user_id, language, digest, channels FROM preference WHERE user_id = ANY($1::text[])${lock ? ' FOR UPDATE' : ''}`,
      [userIds],
    );
    return new Map(rows.map((row) => [row.user_id, { language: row.language, digest: row.digest, channels: row.channels }]));
  }

  async save(tx: EntityManager, userId: string, preferences: StoredPreferences): Promise<void> {
    await tx.query(
      `INSERT INTO preference (user_id, language, digest, channels, updated_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (user_id) DO UPDATE SET language = EXCLUDED.language, digest = EXCLUDED.digest, channels = EXCLUDED.channels, updated_at = now()`,
      [userId, preferences.language, preferences.digest, JSON.stringify(preferences.channels)],
    );
  }
}
