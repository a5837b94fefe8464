import type { ListInbox, RequestInputOf } from '@alur/contracts';
import { addressPageOf, setAddressPage } from './address-page';

/** The officials' inbox search as the address keeps it (`/kotak-masuk?q=drainase&tenggat=terlambat&halaman=2`). */
export interface InboxSearch {
  /** Text in the title or the village's name. */
  q: string;
  programCode: string;
  due: '' | 'overdue' | 'on-time';
  /** From 1. */
  page: number;
}

export const NO_INBOX_SEARCH: InboxSearch = { q: '', programCode: '', due: '', page: 1 };

const DUE_WORDS: Record<Exclude<InboxSearch['due'], ''>, string> = { overdue: 'terlambat', 'on-time': 'tepat-waktu' };

/** Reads the search from the address; anything unreadable falls back to no filter and the first page. */
export function inboxSearchOf(params: URLSearchParams): InboxSearch {
  const due = (Object.keys(DUE_WORDS) as Array<keyof typeof DUE_WORDS>).find((key) => DUE_WORDS[key] === params.get('tenggat')) ?? '';
  return {
    q: params.get('q')?.trim() ?? '',
    programCode: params.get('program') ?? '',
    due,
    page: addressPageOf(params),
  };
}

/** The address's query for a search, leaving out what is not set (the first page included). */
export function searchParamsOf(search: InboxSearch): URLSearchParams {
  const params = new URLSearchParams();
  if (search.q) params.set('q', search.q);
  if (search.programCode) params.set('program', search.programCode);
  if (search.due) params.set('tenggat', DUE_WORDS[search.due]);
  return setAddressPage(params, search.page);
}

/** Whether the search narrows the inbox at all (the page aside). */
export function isFiltered(search: InboxSearch): boolean {
  return search.q !== '' || search.programCode !== '' || search.due !== '';
}

/**
 * What a proposal opened from the inbox carries in the router's state (kept by the browser's history,
 * so a reload keeps it too): the inbox's address query, to go back to the same search and page, and to
 * offer the next proposal waiting under that search once a decision is made.
 */
export interface FromInbox {
  inbox: string;
}

export function fromInbox(params: URLSearchParams): FromInbox {
  return { inbox: params.toString() };
}

/** The inbox search a page was opened from, or undefined when it was opened otherwise (a message's link, say). */
export function inboxSearchFromState(state: unknown): URLSearchParams | undefined {
  const inbox = state && typeof state === 'object' && 'inbox' in state ? (state as { inbox: unknown }).inbox : undefined;
  return typeof inbox === 'string' ? new URLSearchParams(inbox) : undefined;
}

/** The inbox's address for a search. */
export function inboxPathOf(params: URLSearchParams): string {
  const query = params.toString();
  return query ? `/kotak-masuk?${query}` : '/kotak-masuk';
}

/** The query of `GET /approvals/inbox` for a search: paged by number, `pageSize` to a page. */
export function inboxQueryOf(search: InboxSearch, pageSize: number): RequestInputOf<typeof ListInbox> {
  return {
    q: search.q || undefined,
    programCode: search.programCode || undefined,
    overdue: search.due === '' ? undefined : search.due === 'overdue',
    page: search.page,
    pageSize,
  };
}
