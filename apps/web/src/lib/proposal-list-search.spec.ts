import { PROPOSAL_STATUSES } from '@alur/contracts';
import {
  isListFiltered,
  NO_PROPOSAL_LIST_SEARCH,
  proposalListFiltersOf,
  proposalListQueryOf,
  proposalListSearchOf,
  proposalListSearchParams,
  PROPOSAL_STATUS_CHOICES,
} from './proposal-list-search';

describe('the officials’ list of proposals in the address', () => {
  it('reads back what it wrote', () => {
    const search = {
      q: 'drainase',
      status: 'IN_REVIEW' as const,
      districtCode: '14.03.09',
      villageCode: '14.03.09.1004',
      programCode: 'KOTAKU-2026',
      page: 2,
    };
    const params = proposalListSearchParams(search);
    expect(params.toString()).toBe('q=drainase&status=IN_REVIEW&kecamatan=14.03.09&desa=14.03.09.1004&program=KOTAKU-2026&halaman=2');
    expect(proposalListSearchOf(params)).toEqual(search);
    expect(isListFiltered(search)).toBe(true);
  });

  it('leaves no search as a bare address, and falls back to it on anything unreadable', () => {
    expect(proposalListSearchParams(NO_PROPOSAL_LIST_SEARCH).toString()).toBe('');
    expect(isListFiltered(NO_PROPOSAL_LIST_SEARCH)).toBe(false);
    expect(proposalListSearchOf(new URLSearchParams('status=DIBUANG&kecamatan=14.03&desa=14.03.13.2001&halaman=0'))).toEqual(
      NO_PROPOSAL_LIST_SEARCH,
    );
    // A village of another kecamatan than the one named is dropped, the kecamatan kept.
    expect(proposalListSearchOf(new URLSearchParams('kecamatan=14.03.13&desa=14.03.09.1004'))).toMatchObject({
      districtCode: '14.03.13',
      villageCode: '',
    });
  });

  it('offers every status a proposal can have, once', () => {
    expect([...PROPOSAL_STATUS_CHOICES].sort()).toEqual([...PROPOSAL_STATUSES].sort());
  });

  it('asks the API for the narrowest region chosen and the filters that are set', () => {
    expect(proposalListQueryOf({ ...NO_PROPOSAL_LIST_SEARCH, districtCode: '14.03.09', status: 'DRAFT' }, 20)).toEqual({
      q: undefined,
      status: 'DRAFT',
      regionCode: '14.03.09',
      programCode: undefined,
      page: 1,
      pageSize: 20,
    });
    expect(
      proposalListQueryOf({ ...NO_PROPOSAL_LIST_SEARCH, districtCode: '14.03.09', villageCode: '14.03.09.1004', page: 3 }, 20),
    ).toMatchObject({ regionCode: '14.03.09.1004', page: 3 });
  });

  it('asks for the CSV with the same filters and no page, whichever page is shown', () => {
    const search = { ...NO_PROPOSAL_LIST_SEARCH, q: 'drainase', districtCode: '14.03.09', programCode: 'KOTAKU-2026', page: 3 };
    expect(proposalListFiltersOf(search)).toEqual({ q: 'drainase', status: undefined, regionCode: '14.03.09', programCode: 'KOTAKU-2026' });
  });
});
