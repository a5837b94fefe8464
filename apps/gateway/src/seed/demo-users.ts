import { Role } from '@alur/contracts';
import { DEMO_REGENCY_CODE, RegionDirectory, titleCaseRegionName } from '@alur/regions';

/** The one password of every demo user. */
export const DEMO_PASSWORD = 'alur-demo';

export interface DemoUser {
  username: string;
  role: Role;
  regionCode: string;
  displayName: string;
  email: string;
}

/**
 * The demo regency's officials: a BKM and a Lurah (or Kepala Desa) for each village, a Camat and a
 * field verifier (Verifikator) for each kecamatan, and one each of the regency roles, a regency-wide
 * Verifikator among them; BPKAD twice, since a release takes two people: `bpkad` prepares the SPM
 * (as PPK-SKPD) and `bpkad.kuasa-bud` authorises the SP2D (as Kuasa BUD). Usernames carry the region code, so
 * `bkm.14.03.09.1004` is the BKM of Balik Alam.
 */
export function demoUsers(regions: RegionDirectory, regencyCode = DEMO_REGENCY_CODE): DemoUser[] {
  const regency = regions.getOrThrow(regencyCode);
  const regencyName = titleCaseRegionName(regency.name.replace(/^KABUPATEN |^KOTA /, ''));
  const user = (username: string, role: Role, regionCode: string, displayName: string): DemoUser => ({
    username,
    role,
    regionCode,
    displayName,
    email: `${username}@demo.alur.test`,
  });
  const villages = regions
    .villagesOf(regencyCode)
    .flatMap((village) => [
      user(`bkm.${village.code}`, 'BKM', village.code, `BKM ${village.name}`),
      user(`lurah.${village.code}`, 'LURAH', village.code, `${village.villageKind === 'DESA' ? 'Kepala Desa' : 'Lurah'} ${village.name}`),
    ]);
  const districts = regions
    .childrenOf(regencyCode)
    .flatMap((district) => [
      user(`camat.${district.code}`, 'CAMAT', district.code, `Camat ${district.name}`),
      user(`verifikator.${district.code}`, 'VERIFIKATOR', district.code, `Verifikator Dinas Teknis Kecamatan ${district.name}`),
    ]);
  const regencyRoles: Array<[string, Role, string]> = [
    ['dinas', 'DINAS', `Dinas Teknis Kabupaten ${regencyName}`],
    ['sekda', 'SEKDA', `Sekretaris Daerah Kabupaten ${regencyName}`],
    ['bupati', 'BUPATI', `Bupati ${regencyName}`],
    ['bpkad', 'BPKAD', `PPK-SKPD BPKAD Kabupaten ${regencyName}`],
    ['bpkad.kuasa-bud', 'BPKAD', `Kuasa BUD BPKAD Kabupaten ${regencyName}`],
    ['admin', 'ADMIN', `Administrator Alur ${regencyName}`],
    ['verifikator', 'VERIFIKATOR', `Verifikator Dinas Teknis Kabupaten ${regencyName}`],
    ['inspektorat', 'INSPEKTORAT', `Inspektorat Kabupaten ${regencyName}`],
  ];
  return [...villages, ...districts, ...regencyRoles.map(([name, role, title]) => user(name, role, regencyCode, title))];
}
