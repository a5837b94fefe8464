import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StoredPreferences } from './domain/notification-preferences';

@Injectable()
export class PreferencesRepository {
  async find(tx: EntityManager, userId: string, lock = false): Promise<StoredPreferences | null> {
    return (await this.findMany(tx, [userId], lock)).get(userId) ?? null;
  }

  async findMany(tx: EntityManager, userIds: readonly string[], lock = false): Promise<Map<string, StoredPreferences>> {
    if (userIds.length === 0) return new Map();
    const rows: Array<{
      user_id: string;
      language: StoredPreferences['language'];
      digest: boolean;
      channels: StoredPreferences['channels'];
    }> = await tx.query(
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
