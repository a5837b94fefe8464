/** The query parameter of the login page that names the page to go on to (`/masuk?lanjut=/usulan/…`). */
const NEXT = 'lanjut';

/** The login page's address for a visitor who asked for `location` before logging in. */
export function loginPathFor(location: { pathname: string; search: string; hash?: string }): string {
  return `/masuk?${new URLSearchParams({ [NEXT]: `${location.pathname}${location.search}${location.hash ?? ''}` })}`;
}

/** The page to go on to after logging in; only a path of this console, never another site (`//evil.example`). */
export function afterLoginPath(search: string): string | undefined {
  const next = new URLSearchParams(search).get(NEXT);
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/masuk')) return undefined;
  return next;
}
