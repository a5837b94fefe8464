import { Injectable } from '@nestjs/common';
import { Actor, AnswerOf, ListNotifications, pageFields, RequestOf, sliceOf } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { PreferencesReader } from '../../preferences/preferences-reader.service';
import { inboxItemOf } from '../domain/inbox-item';
import { NotificationRepository } from '../notification.repository';

export type InboxPage = AnswerOf<typeof ListNotifications>;

/** The caller's in-app notifications, newest first, with how many are unread. */
@Injectable()
export class ListInboxUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly notifications: NotificationRepository,
    private readonly preferences: PreferencesReader,
  ) {}

  /** Paging limits (pages of 1 to 100) are the contract's (ListNotifications), checked before this runs. */
  async execute(actor: Actor, query: RequestOf<typeof ListNotifications>): Promise<InboxPage> {
    const { unreadOnly } = query;
    const slice = sliceOf(query);
    // One snapshot for the page and its counts, so the unread badge always agrees with the list.
    return this.transactions.run(async (tx) => {
      const language = query.language ?? (await this.preferences.languageOf(tx, actor.userId));
      const page = await this.notifications.page(tx, actor.userId, { unreadOnly, ...slice });
      const counts = await this.notifications.counts(tx, actor.userId);
      return {
        items: page.map((notification) => inboxItemOf(notification, language)),
        unreadCount: counts.unread,
        total: counts.total,
        ...pageFields(slice),
      };
    }, 'REPEATABLE READ');
  }
}
