import {
  budgetLineAmount,
  budgetTotalOf,
  hundredthsToQuantity,
  MAX_BUDGET_TOTAL,
  quantityToHundredths,
  selfHelpShareBpOf,
  type BudgetItemInput,
  RefusalCode,
} from '@alur/contracts';
import type { FieldError } from '@alur/contracts';

/** One line of the RAB as the BKM writes it; quantity may have up to two decimals (e.g. 12.5 m³). */
export type { BudgetItemInput };
// The quantity's reading is the contract's (the requests are refused by the same rule), so both agree.
export { quantityToHundredths };

/** A line as stored: quantity in hundredths of a unit, amount in whole rupiah. */
export interface BudgetLine {
  description: string;
  quantityHundredths: number;
  unit: string;
  unitPrice: number;
  amount: number;
}

export interface BudgetFigures {
  lines: BudgetLine[];
  budgetTotal: number;
  selfHelpAmount: number;
  /** budgetTotal − selfHelpAmount: what the programme's maximum, the ceiling and the tranches apply to. */
  requestedAmount: number;
  /** swadaya ÷ budget total in basis points, rounded down (a share must be reached, not rounded up to). */
  selfHelpShareBp: number;
}

export type BudgetResult = { ok: true; figures: BudgetFigures } | { ok: false; errors: FieldError[] };

// The arithmetic itself is shared with the console, which shows the same figures while the BKM types.
export { budgetLineAmount as lineAmount, hundredthsToQuantity } from '@alur/contracts';

const isRupiah = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/**
 * The budget figures the system computes itself, never taking them from the client: all in integer
 * (BigInt) arithmetic, refusing a total beyond what JSON can carry exactly. A request's lines were
 * already held to these limits by its contract; the checks stay for the lines read back from storage
 * (a submission recomputes them) and for a swadaya against lines it did not carry.
 */
export function computeBudget(items: BudgetItemInput[], selfHelpAmount: number): BudgetResult {
  const errors: FieldError[] = [];
  const lines: BudgetLine[] = [];
  items.forEach((item, i) => {
    const quantityHundredths = quantityToHundredths(item.quantity);
    if (quantityHundredths === undefined || quantityHundredths === 0) {
      errors.push({
        field: `budgetItems.${i}.quantity`,
        reason: 'must be a positive number with at most 2 decimals',
        code: RefusalCode.QuantityInvalid,
      });
    }
    if (!isRupiah(item.unitPrice)) {
      errors.push({
        field: `budgetItems.${i}.unitPrice`,
        reason: 'must be whole rupiah: a non-negative safe integer',
        code: RefusalCode.WholeRupiah,
      });
    }
    if (quantityHundredths === undefined || quantityHundredths === 0 || !isRupiah(item.unitPrice)) return;
    const amount = budgetLineAmount(quantityHundredths, item.unitPrice);
    lines.push({ description: item.description, quantityHundredths, unit: item.unit, unitPrice: item.unitPrice, amount: Number(amount) });
  });
  if (!isRupiah(selfHelpAmount)) {
    errors.push({ field: 'selfHelpAmount', reason: 'must be whole rupiah: a non-negative safe integer', code: RefusalCode.WholeRupiah });
  }
  if (errors.length) return { ok: false, errors };
  // From the lines' own figures, in BigInt: a total beyond 2^53 − 1 is seen before it is rounded.
  const total = budgetTotalOf(lines);
  if (total > MAX_BUDGET_TOTAL) {
    return {
      ok: false,
      errors: [
        { field: 'budgetItems', reason: 'the budget total is beyond the largest amount the system carries', code: RefusalCode.TooBig },
      ],
    };
  }
  if (BigInt(selfHelpAmount) > total) {
    return {
      ok: false,
      errors: [{ field: 'selfHelpAmount', reason: 'swadaya cannot exceed the budget total', code: RefusalCode.SelfHelpAboveTotal }],
    };
  }
  const selfHelpShareBp = selfHelpShareBpOf(selfHelpAmount, total);
  return {
    ok: true,
    figures: {
      lines,
      budgetTotal: Number(total),
      selfHelpAmount,
      requestedAmount: Number(total - BigInt(selfHelpAmount)),
      selfHelpShareBp,
    },
  };
}

/** Stored lines back in the shape the BKM wrote them, for recomputing and checking. */
export function budgetInputOf(lines: readonly BudgetLine[]): BudgetItemInput[] {
  return lines.map((line) => ({
    description: line.description,
    quantity: hundredthsToQuantity(line.quantityHundredths),
    unit: line.unit,
    unitPrice: line.unitPrice,
  }));
}
