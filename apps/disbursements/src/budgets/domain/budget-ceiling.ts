import { CeilingKey } from './ceiling-key';

/** A ceiling (pagu) for one programme, fiscal year and region, with what is committed and released against it. Whole rupiah. */
export interface BudgetCeiling extends CeilingKey {
  regionLevel: string;
  regencyCode: string;
  amount: number;
  committed: number;
  released: number;
}

/** A ceiling with the proposals waiting for it. */
export interface BudgetCeilingStanding extends BudgetCeiling {
  waiting: { count: number; amount: number };
}
