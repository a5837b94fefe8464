import {
  fromInbox,
  inboxPathOf,
  inboxQueryOf,
  inboxSearchFromState,
  inboxSearchOf,
  isFiltered,
  NO_INBOX_SEARCH,
  searchParamsOf,
} from './inbox-search';

describe('the officials’ inbox search in the address', () => {
  it('reads back what it wrote', () => {
    const search = { q: 'Balik Alam', programCode: 'KOTAKU-2026', due: 'overdue' as const, page: 3 };
    const params = searchParamsOf(search);
    expect(params.toString()).toBe('q=Balik+Alam&program=KOTAKU-2026&tenggat=terlambat&halaman=3');
    expect(inboxSearchOf(params)).toEqual(search);
  });

  it('leaves no search as a bare address, and falls back to it on anything unreadable', () => {
    expect(searchParamsOf(NO_INBOX_SEARCH).toString()).toBe('');
    expect(inboxSearchOf(new URLSearchParams('tenggat=kemarin&halaman=-2'))).toEqual(NO_INBOX_SEARCH);
    expect(inboxSearchOf(new URLSearchParams('halaman=1.5')).page).toBe(1);
  });

  it('asks the API for the page and the filters that are set', () => {
    expect(inboxQueryOf({ ...NO_INBOX_SEARCH, due: 'on-time', page: 2 }, 10)).toEqual({
      q: undefined,
      programCode: undefined,
      overdue: false,
      page: 2,
      pageSize: 10,
    });
    expect(inboxQueryOf({ ...NO_INBOX_SEARCH, q: 'drainase' }, 10)).toMatchObject({ q: 'drainase', overdue: undefined, page: 1 });
  });

  it('is carried to a proposal opened from the inbox and leads back to the same search and page', () => {
    const params = searchParamsOf({ ...NO_INBOX_SEARCH, q: 'Balik Alam', page: 2 });
    const carried = inboxSearchFromState(fromInbox(params));
    expect(carried && inboxPathOf(carried)).toBe('/kotak-masuk?q=Balik+Alam&halaman=2');
    expect(inboxPathOf(new URLSearchParams())).toBe('/kotak-masuk');
    // A page opened from a message's link, or with a state of something else, was not opened from the inbox.
    expect(inboxSearchFromState(null)).toBeUndefined();
    expect(inboxSearchFromState({ inbox: 3 })).toBeUndefined();
  });

  it('tells a search that narrows the inbox from one that only turns its pages', () => {
    expect(isFiltered({ ...NO_INBOX_SEARCH, page: 4 })).toBe(false);
    expect(isFiltered({ ...NO_INBOX_SEARCH, due: 'overdue' })).toBe(true);
    expect(isFiltered({ ...NO_INBOX_SEARCH, programCode: 'KOTAKU-2026' })).toBe(true);
  });
});
