import { EntityManager } from 'typeorm';
import { Tranche } from '@alur/contracts';
import { rupiahOf } from '@alur/database';

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

interface ProgrammeVersionRow {
  code: string;
  version: number;
  fiscal_year: number;
  tranche_plan: Tranche[];
  ceiling_region_level: CeilingRegionLevel;
  ceiling_amount: string;
}

function toProgrammeVersion(row: ProgrammeVersionRow): ProgrammeVersion {
  return {
    code: row.code,
    version: row.version,
    fiscalYear: row.fiscal_year,
    tranchePlan: row.tranche_plan,
    ceilingRegionLevel: row.ceiling_region_level,
    ceilingAmount: rupiahOf(row.ceiling_amount),
  };
}

export async function findProgrammeVersion(tx: EntityManager, code: string, version: number): Promise<ProgrammeVersion | undefined> {
  const [row] = (await tx.query('SELECT * FROM programme_version WHERE code = $1 AND version = $2', [code, version])) as ProgrammeVersionRow[];
  return row && toProgrammeVersion(row);
}

/** The newest version of a programme for a fiscal year: it says what a new ceiling of that year starts at. */
export async function findLatestProgrammeVersion(tx: EntityManager, code: string, fiscalYear: number): Promise<ProgrammeVersion | undefined> {
  const [row] = (await tx.query('SELECT * FROM programme_version WHERE code = $1 AND fiscal_year = $2 ORDER BY version DESC LIMIT 1', [
    code,
    fiscalYear,
  ])) as ProgrammeVersionRow[];
  return row && toProgrammeVersion(row);
}
