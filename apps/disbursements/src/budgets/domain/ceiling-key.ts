import { CeilingRegionLevel } from '../../programmes/domain/programme-version';

/** A ceiling (pagu) is per programme, fiscal year and region. */
export interface CeilingKey {
  programCode: string;
  fiscalYear: number;
  regionCode: string;
}

/** The region whose ceiling carries a proposal: its village, kecamatan or kabupaten, as the programme says. */
export function ceilingRegionOf(
  level: CeilingRegionLevel,
  proposal: { villageCode: string; districtCode: string; regencyCode: string },
): string {
  if (level === 'village') return proposal.villageCode;
  if (level === 'district') return proposal.districtCode;
  return proposal.regencyCode;
}
