/** The query parameter of the login page that names the page to go on to (`/masuk?lanjut=/usulan/…`). */
const NEXT = 'lanjut';

/** Whether `path` is a path of this console, never another site (`//evil.example`, `/\evil.example`). */
function isConsolePath(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\');
}

/** The login page's address for a visitor who asked for `location` before logging in. */
export function loginPathFor(location: { pathname: string; search: string; hash?: string }): string {
  return `/masuk?${new URLSearchParams({ [NEXT]: `${location.pathname}${location.search}${location.hash ?? ''}` })}`;
}

/** The page to go on to after logging in; only a path of this console, never another site. */
export function afterLoginPath(search: string): string | undefined {
  const next = new URLSearchParams(search).get(NEXT);
  if (!next || !isConsolePath(next) || next.startsWith('/masuk')) return undefined;
  return next;
}

/**
 * What a proposal opened from a list of proposals carries in the router's state (kept by the browser's history,
 * so a reload keeps it too): the list's address, for the way back to the same search and page.
 */
export interface FromList {
  list: string;
}

export function fromList(location: { pathname: string; search: string }): FromList {
  return { list: `${location.pathname}${location.search}` };
}

/** The list a page was opened from, or undefined when it was opened otherwise (a message's link, say). */
export function listPathFromState(state: unknown): string | undefined {
  const list = state && typeof state === 'object' && 'list' in state ? (state as { list: unknown }).list : undefined;
  return typeof list === 'string' && isConsolePath(list) ? list : undefined;
}
