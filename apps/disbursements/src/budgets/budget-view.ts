import type { BudgetView } from '@alur/contracts';
import type { ProgrammeVersion } from '../programmes/domain/programme-version';
import { BudgetCeilingStanding } from './domain/budget-ceiling';

/** A ceiling (pagu) with what is committed and released against it, and what waits for it (the contracts' BudgetView). */
export type { BudgetView };

export function toBudgetView(ceiling: BudgetCeilingStanding, regionName: string | null): BudgetView {
  return {
    programCode: ceiling.programCode,
    fiscalYear: ceiling.fiscalYear,
    regionCode: ceiling.regionCode,
    regionName,
    regionLevel: ceiling.regionLevel,
    amount: ceiling.amount,
    programmeDefault: false,
    committed: ceiling.committed,
    released: ceiling.released,
    available: ceiling.amount - ceiling.committed,
    waiting: ceiling.waiting,
  };
}

/** A ceiling not set yet, of a region open to the programme: the programme's default, nothing against it. */
export function defaultBudgetView(programme: ProgrammeVersion, regionCode: string, regionName: string): BudgetView {
  return {
    programCode: programme.code,
    fiscalYear: programme.fiscalYear,
    regionCode,
    regionName,
    regionLevel: programme.ceilingRegionLevel,
    amount: programme.ceilingAmount,
    programmeDefault: true,
    committed: 0,
    released: 0,
    available: programme.ceilingAmount,
    waiting: { count: 0, amount: 0 },
  };
}
