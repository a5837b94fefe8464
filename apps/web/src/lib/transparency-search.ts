import type { TransparencyReportQuerySchema } from '@alur/contracts';
import type { z } from 'zod';
import { addressPageOf, setAddressPage } from './address-page';
import { AddressRegion, addressRegionOf, regionCodeOf, setAddressRegion } from './address-region';

/** The public page's search as the address keeps it (`/transparansi?q=jalan&kecamatan=14.03.09&desa=14.03.09.1004&halaman=2`). */
export interface TransparencySearch extends AddressRegion {
  q: string;
  /** From 1. */
  page: number;
}

/** Reads the search from the address; anything unreadable falls back to no filter and the first page. */
export function transparencySearchOf(params: URLSearchParams): TransparencySearch {
  return { q: params.get('q')?.trim() ?? '', ...addressRegionOf(params), page: addressPageOf(params) };
}

/** The address's query for a search, leaving out what is not set (the first page included). */
export function transparencySearchParams(search: TransparencySearch): URLSearchParams {
  const params = new URLSearchParams();
  if (search.q) params.set('q', search.q);
  return setAddressPage(setAddressRegion(params, search), search.page);
}

/** The query of `GET /public/transparency` for a search. */
export function transparencyQueryOf(search: TransparencySearch, pageSize: number): z.input<typeof TransparencyReportQuerySchema> {
  return { q: search.q || undefined, regionCode: regionCodeOf(search), page: search.page, pageSize };
}

/** The file of everything the search matches (all pages): a spreadsheet (xlsx) or CSV. */
export function transparencyFileHref(search: TransparencySearch, format: 'csv' | 'xlsx'): string {
  const { q, regionCode } = transparencyQueryOf(search, 1);
  const params = new URLSearchParams();
  if (q) params.set('q', String(q));
  if (regionCode) params.set('regionCode', String(regionCode));
  return `/api/v1/public/transparency/${format}${params.size ? `?${params}` : ''}`;
}
