import { RegionDirectory } from '@alur/regions';
import { ceilingRegionsOf } from './ceiling-regions';

const regions = RegionDirectory.shared();
const BENGKALIS = '14.03';
const MANDAU = '14.03.09';
const PINGGIR = '14.03.13';
const BALIK_ALAM = '14.03.09.1004';
const codes = (list: ReadonlyArray<{ code: string }>) => list.map((r) => r.code);

describe('the regions a programme gives a ceiling of its own', () => {
  it('are every region of its ceiling level in the kabupaten when it is open to all', () => {
    expect(codes(ceilingRegionsOf(regions, BENGKALIS, 'district', { scope: 'ALL' }))).toEqual(codes(regions.childrenOf(BENGKALIS)));
    expect(ceilingRegionsOf(regions, BENGKALIS, 'village', { scope: 'ALL' })).toHaveLength(155);
    expect(codes(ceilingRegionsOf(regions, BENGKALIS, 'regency', { scope: 'ALL' }))).toEqual([BENGKALIS]);
  });

  it('are those of its pilot list: a listed kecamatan opens its villages, a listed village its kecamatan', () => {
    const pilot = { scope: 'LIST' as const, regionCodes: [PINGGIR, BALIK_ALAM] };
    expect(codes(ceilingRegionsOf(regions, BENGKALIS, 'village', pilot))).toEqual(
      [BALIK_ALAM, ...codes(regions.childrenOf(PINGGIR))].sort(),
    );
    expect(codes(ceilingRegionsOf(regions, BENGKALIS, 'district', pilot))).toEqual([MANDAU, PINGGIR]);
    expect(codes(ceilingRegionsOf(regions, BENGKALIS, 'regency', pilot))).toEqual([BENGKALIS]);
  });

  it('are none in another kabupaten, or in an unknown one', () => {
    expect(ceilingRegionsOf(regions, '14.01', 'village', { scope: 'LIST', regionCodes: [PINGGIR] })).toEqual([]);
    expect(ceilingRegionsOf(regions, '99.99', 'district', { scope: 'ALL' })).toEqual([]);
  });
});
