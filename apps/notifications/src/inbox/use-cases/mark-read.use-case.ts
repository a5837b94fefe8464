import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, AnswerOf, MarkAllNotificationsRead, MarkNotificationRead, NotFoundError } from '@alur/contracts';
import { PreferencesReader } from '../preferences/preferences-reader.service';
import { inboxItemOf, NotificationRow } from './inbox-item';

/** Marks the caller's notifications read; someone else's notification is not found (404), not forbidden. */
@Injectable()
export class MarkReadUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly preferences: PreferencesReader,
  ) {}

  /** `id` is a UUID: the contract (MarkNotificationRead) checked it before this runs. */
  async one(actor: Actor, id: string): Promise<AnswerOf<typeof MarkNotificationRead>> {
    // Reading twice keeps the first time it was read.
    const [rows] = await this.dataSource.query(
      `UPDATE notification SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND recipient_user_id = $2
       RETURNING id, kind, content, link, proposal_id, created_at, read_at`,
      [id, actor.userId],
    );
    const row = (rows as NotificationRow[])[0];
    if (!row) throw new NotFoundError('No such notification');
    const language = await this.preferences.languageOf(this.dataSource.manager, actor.userId);
    return { ...inboxItemOf(row, language), unreadCount: await this.unread(actor.userId) };
  }

  async all(actor: Actor): Promise<AnswerOf<typeof MarkAllNotificationsRead>> {
    const [, marked] = await this.dataSource.query(
      'UPDATE notification SET read_at = now() WHERE recipient_user_id = $1 AND read_at IS NULL',
      [actor.userId],
    );
    return { marked: Number(marked), unreadCount: await this.unread(actor.userId) };
  }

  private async unread(userId: string): Promise<number> {
    const [{ count }] = await this.dataSource.query('SELECT count(*) FROM notification WHERE recipient_user_id = $1 AND read_at IS NULL', [
      userId,
    ]);
    return Number(count);
  }
}
