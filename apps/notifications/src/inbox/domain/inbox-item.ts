import type { NotificationItem } from '@alur/contracts';
import { Language } from '../../messages/domain/notification-kind';
import { RenderedMessage } from '../../messages/domain/rendered-message';

/** One inbox entry as its reader sees it, in their language (the contracts' NotificationItem). */
export type InboxItem = NotificationItem;

/** A notification in someone's inbox, rendered in every language when it was made. */
export interface StoredNotification {
  id: string;
  kind: string;
  content: { id: RenderedMessage } & Partial<Record<Language, RenderedMessage>>;
  link: string | null;
  proposalId: string | null;
  createdAt: Date;
  readAt: Date | null;
}

export function inboxItemOf(notification: StoredNotification, language: Language): InboxItem {
  const message = notification.content[language] ?? notification.content.id;
  return {
    id: notification.id,
    kind: notification.kind,
    title: message.title,
    body: message.body,
    link: notification.link,
    proposalId: notification.proposalId,
    createdAt: notification.createdAt.toISOString(),
    readAt: notification.readAt ? notification.readAt.toISOString() : null,
  };
}
