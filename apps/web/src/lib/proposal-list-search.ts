import type { ListProposals, ProposalStatus, RequestInputOf } from '@alur/contracts';
import { addressPageOf, setAddressPage } from './address-page';
import { AddressRegion, addressRegionOf, regionCodeOf, setAddressRegion } from './address-region';

/**
 * The officials' list of proposals as the address keeps it
 * (`/daftar-usulan?q=drainase&status=IN_REVIEW&kecamatan=14.03.09&desa=14.03.09.1004&program=KOTAKU-2026&halaman=2`).
 */
export interface ProposalListSearch extends AddressRegion {
  /** Text in the title, the description or the executing KSM. */
  q: string;
  status: ProposalStatus | '';
  programCode: string;
  /** From 1. */
  page: number;
}

export const NO_PROPOSAL_LIST_SEARCH: ProposalListSearch = {
  q: '',
  status: '',
  districtCode: '',
  villageCode: '',
  programCode: '',
  page: 1,
};

/**
 * Every proposal status, once (the keys of a record the compiler checks against ProposalStatus), in the order of a
 * proposal's life, as the status filter offers them. Not the contracts' PROPOSAL_STATUSES: it sits among zod schemas,
 * which the page would download with it.
 */
const IN_LIFE_ORDER: Record<ProposalStatus, true> = {
  DRAFT: true,
  SUBMITTED: true,
  IN_REVIEW: true,
  RETURNED: true,
  APPROVED: true,
  AWAITING_BUDGET: true,
  FUNDING: true,
  COMPLETED: true,
  REJECTED: true,
  WITHDRAWN: true,
};
export const PROPOSAL_STATUS_CHOICES = Object.keys(IN_LIFE_ORDER) as ProposalStatus[];

const isProposalStatus = (value: string | null): value is ProposalStatus => PROPOSAL_STATUS_CHOICES.some((status) => status === value);

/** Reads the search from the address; anything unreadable falls back to no filter and the first page. */
export function proposalListSearchOf(params: URLSearchParams): ProposalListSearch {
  const status = params.get('status');
  return {
    q: params.get('q')?.trim() ?? '',
    status: isProposalStatus(status) ? status : '',
    ...addressRegionOf(params),
    programCode: params.get('program')?.trim() ?? '',
    page: addressPageOf(params),
  };
}

/** The address's query for a search, leaving out what is not set (the first page included). */
export function proposalListSearchParams(search: ProposalListSearch): URLSearchParams {
  const params = new URLSearchParams();
  if (search.q) params.set('q', search.q);
  if (search.status) params.set('status', search.status);
  setAddressRegion(params, search);
  if (search.programCode) params.set('program', search.programCode);
  return setAddressPage(params, search.page);
}

/** Whether the search narrows the list at all (the page aside). */
export function isListFiltered(search: ProposalListSearch): boolean {
  return Boolean(search.q || search.status || search.districtCode || search.villageCode || search.programCode);
}

/** What `GET /proposals` is narrowed by: the search without its page. */
export type ProposalListFilters = Omit<RequestInputOf<typeof ListProposals>, 'page' | 'pageSize'>;

/** The filters of a search, as `GET /proposals` and its files (`GET /proposals/csv` and `/xlsx`, every proposal, no page) take them. */
export function proposalListFiltersOf(search: ProposalListSearch): ProposalListFilters {
  return {
    q: search.q || undefined,
    status: search.status || undefined,
    regionCode: regionCodeOf(search),
    programCode: search.programCode || undefined,
  };
}

/** The query of `GET /proposals` for a search: paged by number, `pageSize` to a page. */
export function proposalListQueryOf(search: ProposalListSearch, pageSize: number): RequestInputOf<typeof ListProposals> {
  return { ...proposalListFiltersOf(search), page: search.page, pageSize };
}
