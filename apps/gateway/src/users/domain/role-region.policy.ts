import { ROLE_REGION_LEVELS, type Role } from '@alur/contracts';
import { RegionDirectory } from '@alur/regions';

const LEVEL_WORDS = { province: 'a provinsi', regency: 'a kabupaten/kota', district: 'a kecamatan', village: 'a kelurahan/desa' } as const;

/**
 * Why a role cannot be given this region, or null when it can: a BKM or Lurah holds a village code,
 * a Camat a kecamatan code, the regency roles a kabupaten/kota code, a Verifikator a kecamatan or
 * kabupaten/kota code (ROLE_REGION_LEVELS).
 */
export function roleRegionMismatch(regions: RegionDirectory, role: Role, regionCode: string): string | null {
  const level = regions.levelOf(regionCode);
  if (!level) return `${regionCode} is not a known region code`;
  const wanted = ROLE_REGION_LEVELS[role];
  if (!(wanted as readonly string[]).includes(level)) {
    return `${/^[AEIOU]/.test(role) ? 'an' : 'a'} ${role} acts on ${wanted.map((w) => LEVEL_WORDS[w]).join(' or ')}, but ${regionCode} is ${LEVEL_WORDS[level]}`;
  }
  return null;
}
