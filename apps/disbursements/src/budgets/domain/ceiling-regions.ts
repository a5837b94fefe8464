import type { EligibleRegions } from '@alur/contracts';
import type { Region, RegionDirectory } from '@alur/regions';
import type { CeilingRegionLevel } from '../../programmes/domain/programme-version';

/**
 * The regions of a kabupaten that a programme gives a ceiling of its own: those of the programme's
 * ceiling level open to it (all, or those of its pilot list: a listed kecamatan opens its villages, a
 * listed village its kecamatan).
 */
export function ceilingRegionsOf(
  regions: RegionDirectory,
  regencyCode: string,
  level: CeilingRegionLevel,
  eligible: EligibleRegions,
): readonly Region[] {
  const regency = regions.get(regencyCode);
  if (!regency) return [];
  const candidates =
    level === 'regency' ? [regency] : level === 'district' ? regions.childrenOf(regencyCode) : regions.villagesOf(regencyCode);
  if (eligible.scope === 'ALL') return candidates;
  return candidates.filter((region) =>
    eligible.regionCodes.some((code) => regions.covers(code, region.code) || regions.covers(region.code, code)),
  );
}
