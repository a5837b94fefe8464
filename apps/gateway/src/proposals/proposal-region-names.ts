import type { RegionDirectory } from '@alur/regions';

interface Located {
  villageCode: string;
  districtCode: string;
}

/** A proposal with its village's and kecamatan's names beside their codes; null when the directory does not know one. */
export function withRegionNames<T extends Located>(
  proposal: T,
  regions: Pick<RegionDirectory, 'get'>,
): T & { villageName: string | null; districtName: string | null } {
  return {
    ...proposal,
    villageName: regions.get(proposal.villageCode)?.name ?? null,
    districtName: regions.get(proposal.districtCode)?.name ?? null,
  };
}
