/** The number of the list's page an address names (`?halaman=2`), from 1: anything unreadable is the first. */
export function addressPageOf(params: URLSearchParams): number {
  const page = Number(params.get('halaman'));
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

/** Names the page in an address's query, leaving the first page out (its bare address). */
export function setAddressPage(params: URLSearchParams, page: number): URLSearchParams {
  if (page > 1) params.set('halaman', String(page));
  else params.delete('halaman');
  return params;
}
