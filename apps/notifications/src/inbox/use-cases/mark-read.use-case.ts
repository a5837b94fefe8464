import { Injectable } from '@nestjs/common';
import { Actor, AnswerOf, MarkAllNotificationsRead, MarkNotificationRead, NotFoundError } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { PreferencesReader } from '../../preferences/preferences-reader.service';
import { inboxItemOf } from '../domain/inbox-item';
import { NotificationRepository } from '../notification.repository';

/** Marks the caller's notifications read; someone else's notification is not found (404), not forbidden. */
@Injectable()
export class MarkReadUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly notifications: NotificationRepository,
    private readonly preferences: PreferencesReader,
  ) {}

  /** `id` is a UUID: the contract (MarkNotificationRead) checked it before this runs. */
  async one(actor: Actor, id: string): Promise<AnswerOf<typeof MarkNotificationRead>> {
    const db = this.transactions.manager;
    // Reading twice keeps the first time it was read.
    const notification = await this.notifications.markRead(db, id, actor.userId);
    if (!notification) throw new NotFoundError('No such notification');
    const language = await this.preferences.languageOf(db, actor.userId);
    return { ...inboxItemOf(notification, language), unreadCount: await this.notifications.unreadCount(db, actor.userId) };
  }

  async all(actor: Actor): Promise<AnswerOf<typeof MarkAllNotificationsRead>> {
    const db = this.transactions.manager;
    const marked = await this.notifications.markAllRead(db, actor.userId);
    return { marked, unreadCount: await this.notifications.unreadCount(db, actor.userId) };
  }
}
