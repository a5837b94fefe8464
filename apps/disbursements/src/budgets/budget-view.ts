import type { BudgetView } from '@alur/contracts';
import { rupiahOf } from '@alur/database';
import { CeilingRow } from './budget-commitment.service';

/** A ceiling (pagu) with what is committed and released against it, and what waits for it (the contracts' BudgetView). */
export type { BudgetView };

export function toBudgetView(row: CeilingRow & { waiting_count?: string; waiting_amount?: string | null }, regionName: string | null): BudgetView {
  const amount = rupiahOf(row.amount);
  const committed = rupiahOf(row.committed);
  return {
    programCode: row.program_code,
    fiscalYear: row.fiscal_year,
    regionCode: row.region_code,
    regionName,
    regionLevel: row.region_level,
    amount,
    committed,
    released: rupiahOf(row.released),
    available: amount - committed,
    waiting: { count: Number(row.waiting_count ?? 0), amount: rupiahOf(row.waiting_amount ?? '0') },
  };
}
