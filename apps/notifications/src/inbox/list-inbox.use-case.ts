import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { Actor } from '@alur/contracts';
import { PreferencesReader } from '../preferences/preferences-reader.service';
import { InboxItem, inboxItemOf, NotificationRow } from './inbox-item';
import { fieldErrorsOf, validationFailed } from '@alur/messaging';

export const ListInboxSchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).default(0),
    unreadOnly: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).default(false),
  })
  .strict();

export interface InboxPage {
  items: InboxItem[];
  unreadCount: number;
  total: number;
  limit: number;
  offset: number;
}

/** The caller's in-app notifications, newest first, with how many are unread. */
@Injectable()
export class ListInboxUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly preferences: PreferencesReader,
  ) {}

  async execute(actor: Actor, input: unknown): Promise<InboxPage> {
    const parsed = ListInboxSchema.safeParse(input ?? {});
    if (!parsed.success) throw validationFailed(fieldErrorsOf(parsed.error));
    const { limit, offset, unreadOnly } = parsed.data;
    // One snapshot for the page and its counts, so the unread badge always agrees with the list.
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const language = await this.preferences.languageOf(tx, actor.userId);
      const rows: NotificationRow[] = await tx.query(
        `SELECT id, kind, content, link, proposal_id, created_at, read_at FROM notification
         WHERE recipient_user_id = $1 AND ($2::boolean = false OR read_at IS NULL)
         ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4`,
        [actor.userId, unreadOnly, limit, offset],
      );
      const [counts]: Array<{ total: string; unread: string }> = await tx.query(
        `SELECT count(*) AS total, count(*) FILTER (WHERE read_at IS NULL) AS unread FROM notification WHERE recipient_user_id = $1`,
        [actor.userId],
      );
      return {
        items: rows.map((row) => inboxItemOf(row, language)),
        unreadCount: Number(counts.unread),
        total: Number(counts.total),
        limit,
        offset,
      };
    });
  }
}
