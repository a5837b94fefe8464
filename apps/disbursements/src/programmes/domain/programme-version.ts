import { Tranche } from '@alur/contracts';

export type CeilingRegionLevel = 'village' | 'district' | 'regency';

/** What this service keeps of a published programme version: its year, tranche plan and ceiling. */
export interface ProgrammeVersion {
  code: string;
  version: number;
  fiscalYear: number;
  tranchePlan: Tranche[];
  ceilingRegionLevel: CeilingRegionLevel;
  ceilingAmount: number;
}
