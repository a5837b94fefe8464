import { RegionDirectory } from '@alur/regions';

const COLUMN_OF_LEVEL = { village: 'village_code', district: 'district_code', regency: 'regency_code' } as const;

/**
 * The disbursement column that holds a caller's region code at its level: the kabupaten for regency
 * officials, a kecamatan for a Camat (or a kecamatan's Verifikator), a village for its BKM and Lurah.
 * A code of another level matches no village, so it sees nothing.
 */
export function regionScopeColumn(regions: RegionDirectory, regionCode: string): string {
  const level = regions.levelOf(regionCode);
  return level && level !== 'province' ? COLUMN_OF_LEVEL[level] : COLUMN_OF_LEVEL.village;
}
