import { RegionDirectory } from '@alur/regions';
import { roleRegionMismatch } from '../users/domain/role-region.policy';
import { demoUsers } from './demo-users';

describe('the demo users of Kabupaten Bengkalis', () => {
  const regions = RegionDirectory.shared();
  const users = demoUsers(regions);

  it('has a BKM and a Lurah for each of the 155 villages, a Camat and a Verifikator for each of the 11 kecamatan and seven regency officials (two of BPKAD)', () => {
    expect(users.filter((u) => u.role === 'BKM')).toHaveLength(155);
    expect(users.filter((u) => u.role === 'LURAH')).toHaveLength(155);
    expect(users.filter((u) => u.role === 'CAMAT')).toHaveLength(11);
    expect(users.filter((u) => u.role === 'VERIFIKATOR' && u.username.startsWith('verifikator.14.03.'))).toHaveLength(11);
    expect(users.find((u) => u.username === 'verifikator.14.03.09')).toMatchObject({ regionCode: '14.03.09', role: 'VERIFIKATOR' });
    expect(
      users
        .filter((u) => !['BKM', 'LURAH', 'CAMAT'].includes(u.role) && !u.username.startsWith('verifikator.'))
        .map((u) => [u.username, u.regionCode]),
    ).toEqual([
      ['dinas', '14.03'],
      ['sekda', '14.03'],
      ['bupati', '14.03'],
      ['bpkad', '14.03'],
      ['bpkad.kuasa-bud', '14.03'],
      ['admin', '14.03'],
      ['verifikator', '14.03'],
      ['inspektorat', '14.03'],
    ]);
    expect(new Set(users.map((u) => u.username)).size).toBe(users.length);
  });

  it('names users after their region, so bkm.14.03.09.1004 is the BKM of Balik Alam', () => {
    expect(users.find((u) => u.username === 'bkm.14.03.09.1004')).toEqual({
      username: 'bkm.14.03.09.1004',
      role: 'BKM',
      regionCode: '14.03.09.1004',
      displayName: 'BKM Balik Alam',
      email: 'bkm.14.03.09.1004@demo.alur.test',
    });
    expect(users.find((u) => u.username === 'camat.14.03.09')?.displayName).toBe('Camat Mandau');
    expect(users.find((u) => u.username === 'bupati')?.displayName).toBe('Bupati Bengkalis');
  });

  it('calls the head of a desa Kepala Desa and of a kelurahan Lurah', () => {
    const heads = users.filter((u) => u.role === 'LURAH');
    expect(heads.find((u) => u.regionCode === '14.03.09.1004')?.displayName).toBe('Lurah Balik Alam');
    expect(heads.some((u) => u.regionCode.split('.')[3].startsWith('2') && u.displayName.startsWith('Kepala Desa '))).toBe(true);
  });

  it('gives every user a region at the level of their role', () => {
    expect(users.filter((u) => roleRegionMismatch(regions, u.role, u.regionCode) !== null)).toEqual([]);
  });
});
