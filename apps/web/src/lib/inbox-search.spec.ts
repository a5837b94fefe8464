import { inboxQueryOf, inboxSearchOf, NO_INBOX_SEARCH, searchParamsOf } from './inbox-search';

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
});
