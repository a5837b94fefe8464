import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, AnswerOf, ListNotifications, RequestOf } from '@alur/contracts';
import { PreferencesReader } from '../preferences/preferences-reader.service';
import { inboxItemOf, NotificationRow } from './inbox-item';

export type InboxPage = AnswerOf<typeof ListNotifications>;

/** The caller's in-app notifications, newest first, with how many are unread. */
@Injectable()
export class ListInboxUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly preferences: PreferencesReader,
  ) {}

  /** Paging limits (limit 1 to 100) are the contract's (ListNotifications), checked before this runs. */
  async execute(actor: Actor, query: RequestOf<typeof ListNotifications>): Promise<InboxPage> {
    const { limit, offset, unreadOnly } = query;
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
