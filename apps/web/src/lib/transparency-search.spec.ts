import { transparencyFileHref, transparencyQueryOf, transparencySearchOf, transparencySearchParams } from './transparency-search';

describe('the public page’s search in the address', () => {
  it('reads and writes the search, kecamatan, village and page', () => {
    const search = transparencySearchOf(new URLSearchParams('q=%20sumur%20&kecamatan=14.03.09&desa=14.03.09.1004&halaman=2'));
    expect(search).toEqual({ q: 'sumur', districtCode: '14.03.09', villageCode: '14.03.09.1004', page: 2 });
    expect(transparencySearchParams(search).toString()).toBe('q=sumur&kecamatan=14.03.09&desa=14.03.09.1004&halaman=2');
    expect(transparencyQueryOf(search, 10)).toEqual({ q: 'sumur', regionCode: '14.03.09.1004', page: 2, pageSize: 10 });
  });

  it('drops what it cannot read: a village outside the kecamatan, a page that is no number', () => {
    expect(transparencySearchOf(new URLSearchParams('kecamatan=14.03.13&desa=14.03.09.1004&halaman=x'))).toEqual({
      q: '',
      districtCode: '14.03.13',
      villageCode: '',
      page: 1,
    });
    expect(transparencySearchOf(new URLSearchParams('kecamatan=DROP TABLE'))).toMatchObject({ districtCode: '' });
  });

  it('downloads the spreadsheet or CSV of what matched, over all pages', () => {
    expect(transparencyFileHref({ q: 'jalan', districtCode: '14.03.09', villageCode: '', page: 3 }, 'csv')).toBe(
      '/api/v1/public/transparency/csv?q=jalan&regionCode=14.03.09',
    );
    expect(transparencyFileHref({ q: '', districtCode: '', villageCode: '', page: 1 }, 'csv')).toBe('/api/v1/public/transparency/csv');
    expect(transparencyFileHref({ q: '', districtCode: '14.03.09', villageCode: '', page: 1 }, 'xlsx')).toBe(
      '/api/v1/public/transparency/xlsx?regionCode=14.03.09',
    );
  });
});
