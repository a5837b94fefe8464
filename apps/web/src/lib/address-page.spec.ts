import { addressPageOf, setAddressPage } from './address-page';

describe('a list’s page in the address', () => {
  it('reads a page number from 1, and anything else as the first page', () => {
    expect(addressPageOf(new URLSearchParams('halaman=3'))).toBe(3);
    for (const odd of ['', 'halaman=0', 'halaman=-2', 'halaman=1.5', 'halaman=dua'])
      expect(addressPageOf(new URLSearchParams(odd))).toBe(1);
  });

  it('names the page beside the rest of the query, and leaves the first page out', () => {
    expect(setAddressPage(new URLSearchParams('q=jalan'), 2).toString()).toBe('q=jalan&halaman=2');
    expect(setAddressPage(new URLSearchParams('q=jalan&halaman=2'), 1).toString()).toBe('q=jalan');
  });
});
