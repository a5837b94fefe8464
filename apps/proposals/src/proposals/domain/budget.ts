import type { FieldError } from '@alur/messaging';

/** One line of the RAB as the BKM writes it; quantity may have up to two decimals (e.g. 12.5 m³). */
export interface BudgetItemInput {
  description: string;
  quantity: number;
  unit: string;
  unitPrice: number;
}

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

const QUANTITY = /^(0|[1-9]\d*)(\.\d{1,2})?$/;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** 12.5 → 1250, from the number's own decimal digits (never through floating-point multiplication). */
export function quantityToHundredths(quantity: number): number | undefined {
  if (typeof quantity !== 'number' || !Number.isFinite(quantity)) return undefined;
  const text = String(quantity);
  const match = QUANTITY.exec(text);
  if (!match) return undefined;
  const hundredths = BigInt(match[1]) * 100n + BigInt((match[2] ?? '.').slice(1).padEnd(2, '0'));
  return hundredths <= MAX_SAFE ? Number(hundredths) : undefined;
}

export function hundredthsToQuantity(hundredths: number): number {
  return Number(`${Math.trunc(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`);
}

/** A line's amount, quantity × unit price rounded half up to whole rupiah, as a RAB spreadsheet rounds. */
export function lineAmount(quantityHundredths: number, unitPrice: number): bigint {
  return (BigInt(quantityHundredths) * BigInt(unitPrice) + 50n) / 100n;
}

const isRupiah = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/**
 * The budget figures the system computes itself, never taking them from the client: all in integer
 * (BigInt) arithmetic, refusing a total beyond what JSON can carry exactly.
 */
export function computeBudget(items: BudgetItemInput[], selfHelpAmount: number): BudgetResult {
  const errors: FieldError[] = [];
  const lines: BudgetLine[] = [];
  let total = 0n;
  items.forEach((item, i) => {
    const quantityHundredths = quantityToHundredths(item.quantity);
    if (quantityHundredths === undefined || quantityHundredths === 0) {
      errors.push({ field: `budgetItems.${i}.quantity`, reason: 'must be a positive number with at most 2 decimals' });
    }
    if (!isRupiah(item.unitPrice)) {
      errors.push({ field: `budgetItems.${i}.unitPrice`, reason: 'must be whole rupiah: a non-negative safe integer' });
    }
    if (quantityHundredths === undefined || quantityHundredths === 0 || !isRupiah(item.unitPrice)) return;
    const amount = lineAmount(quantityHundredths, item.unitPrice);
    total += amount;
    lines.push({ description: item.description, quantityHundredths, unit: item.unit, unitPrice: item.unitPrice, amount: Number(amount) });
  });
  if (!isRupiah(selfHelpAmount)) {
    errors.push({ field: 'selfHelpAmount', reason: 'must be whole rupiah: a non-negative safe integer' });
  }
  if (errors.length) return { ok: false, errors };
  if (total > MAX_SAFE) {
    return { ok: false, errors: [{ field: 'budgetItems', reason: 'the budget total is beyond the largest amount the system carries' }] };
  }
  if (BigInt(selfHelpAmount) > total) {
    return { ok: false, errors: [{ field: 'selfHelpAmount', reason: 'swadaya cannot exceed the budget total' }] };
  }
  const selfHelpShareBp = total === 0n ? 0 : Number((BigInt(selfHelpAmount) * 10_000n) / total);
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
