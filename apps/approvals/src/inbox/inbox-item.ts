import type { AnswerOf, InboxItem, RequestOf } from '@alur/contracts';
import { ListInbox } from '@alur/contracts';

export type { InboxItem };
export type InboxQuery = RequestOf<typeof ListInbox>;
export type InboxPage = AnswerOf<typeof ListInbox>;
