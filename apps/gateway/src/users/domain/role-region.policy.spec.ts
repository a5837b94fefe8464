import { RegionDirectory } from '@alur/regions';
import { roleRegionMismatch } from './role-region.policy';

describe('which region a role may hold', () => {
  const regions = RegionDirectory.shared();

  it.each([
    ['BKM', '14.03.09.1004'],
    ['LURAH', '14.03.09.1004'],
    ['CAMAT', '14.03.09'],
    ['DINAS', '14.03'],
    ['BUPATI', '14.03'],
    ['ADMIN', '14.03'],
    ['VERIFIKATOR', '14.03'],
    ['VERIFIKATOR', '14.03.09'],
    ['INSPEKTORAT', '14.03'],
  ] as const)('lets a %s act on %s', (role, code) => {
    expect(roleRegionMismatch(regions, role, code)).toBeNull();
  });

  it('refuses a region of the wrong level, saying which level the role needs', () => {
    expect(roleRegionMismatch(regions, 'LURAH', '14.03.09')).toBe('a LURAH acts on a kelurahan/desa, but 14.03.09 is a kecamatan');
    expect(roleRegionMismatch(regions, 'CAMAT', '14.03.09.1004')).toBe(
      'a CAMAT acts on a kecamatan, but 14.03.09.1004 is a kelurahan/desa',
    );
    expect(roleRegionMismatch(regions, 'SEKDA', '14')).toBe('a SEKDA acts on a kabupaten/kota, but 14 is a provinsi');
    expect(roleRegionMismatch(regions, 'VERIFIKATOR', '14.03.09.1004')).toBe(
      'a VERIFIKATOR acts on a kecamatan or a kabupaten/kota, but 14.03.09.1004 is a kelurahan/desa',
    );
    expect(roleRegionMismatch(regions, 'INSPEKTORAT', '14.03.09')).toBe(
      'an INSPEKTORAT acts on a kabupaten/kota, but 14.03.09 is a kecamatan',
    );
  });

  it('refuses a code that is not in the official list', () => {
    expect(roleRegionMismatch(regions, 'BKM', '14.03.09.9999')).toBe('14.03.09.9999 is not a known region code');
  });
});
