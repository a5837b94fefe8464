import { RegionDirectory } from '@alur/regions';

/** A corner of Riau, enough for unit tests: Kabupaten Bengkalis with two kecamatan, and a kecamatan of Pekanbaru. */
export const BENGKALIS = '14.03';
export const MANDAU = '14.03.09';
export const BALIK_ALAM = '14.03.09.1004';
export const AIR_JAMBAN = '14.03.09.1001';
export const BUKIT_BATU = '14.03.04';
export const SUKAJADI = '14.71.01';

export const TEST_REGIONS = new RegionDirectory({
  province: [{ code: '14', parentCode: null, name: 'RIAU' }],
  regency: [
    { code: BENGKALIS, parentCode: '14', name: 'KABUPATEN BENGKALIS' },
    { code: '14.71', parentCode: '14', name: 'KOTA PEKANBARU' },
  ],
  district: [
    { code: MANDAU, parentCode: BENGKALIS, name: 'Mandau' },
    { code: BUKIT_BATU, parentCode: BENGKALIS, name: 'Bukit Batu' },
    { code: SUKAJADI, parentCode: '14.71', name: 'Sukajadi' },
  ],
  village: [
    { code: BALIK_ALAM, parentCode: MANDAU, name: 'Balik Alam' },
    { code: AIR_JAMBAN, parentCode: MANDAU, name: 'Air Jamban' },
  ],
});
