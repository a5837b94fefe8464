import { ROLE_REGION_LEVEL, type Role } from '@alur/contracts';
import { RegionDirectory } from '@alur/regions';

const LEVEL_WORDS = { province: 'a provinsi', regency: 'a kabupaten/kota', district: 'a kecamatan', village: 'a kelurahan/desa' } as const;

/**
 * Why a role cannot be given this region, or null when it can: a BKM or Lurah holds a village code,
 * a Camat a kecamatan code, the regency roles a kabupaten/kota code (ROLE_REGION_LEVEL).
 */
export function roleRegionMismatch(regions: RegionDirectory, role: Role, regionCode: string): string | null {
  const level = regions.levelOf(regionCode);
  if (!level) return `${regionCode} is not a known region code`;
  const wanted = ROLE_REGION_LEVEL[role];
  if (level !== wanted) return `a ${role} acts on ${LEVEL_WORDS[wanted]}, but ${regionCode} is ${LEVEL_WORDS[level]}`;
  return null;
}
