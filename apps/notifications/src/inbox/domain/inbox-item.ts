import type { NotificationItem } from '@alur/contracts';
import { Language } from '../messages/notification-kind';
import { RenderedMessage } from '../messages/template-renderer';

/** One inbox entry as its reader sees it, in their language (the contracts' NotificationItem). */
export type InboxItem = NotificationItem;

export interface NotificationRow {
  id: string;
  kind: string;
  content: Record<Language, RenderedMessage>;
  link: string | null;
  proposal_id: string | null;
  created_at: Date;
  read_at: Date | null;
}

export function inboxItemOf(row: NotificationRow, language: Language): InboxItem {
  const message = row.content[language] ?? row.content.id;
  return {
    id: row.id,
    kind: row.kind,
    title: message.title,
    body: message.body,
    link: row.link,
    proposalId: row.proposal_id,
    createdAt: new Date(row.created_at).toISOString(),
    readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
  };
}
