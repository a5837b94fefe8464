import type { BudgetView } from '@alur/contracts';
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
    committed: ceiling.committed,
    released: ceiling.released,
    available: ceiling.amount - ceiling.committed,
    waiting: ceiling.waiting,
  };
}
