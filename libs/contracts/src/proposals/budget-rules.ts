/**
 * The RAB's arithmetic, once: the proposals service computes the figures it stores with these, and
 * the console shows the same figures while the BKM types. Whole rupiah, integer (BigInt) arithmetic
 * only; quantities are counted in hundredths of a unit (at most two decimals, e.g. 12.5 m³).
 */

const QUANTITY = /^(0|[1-9]\d*)(?:\.(\d{1,2}))?$/;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * `12.5` → 1250 hundredths, from the text's own digits (never through floating-point multiplication).
 * Undefined for anything else: a sign, more than two decimals, an exponent, beyond 2^53 − 1.
 */
export function quantityTextToHundredths(text: string): number | undefined {
  const match = QUANTITY.exec(text);
  if (!match) return undefined;
  const hundredths = BigInt(match[1]) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
  return hundredths <= MAX_SAFE ? Number(hundredths) : undefined;
}

/** A JSON quantity (12.5) → 1250 hundredths, read from its decimal digits. */
export function quantityToHundredths(quantity: number): number | undefined {
  if (typeof quantity !== 'number' || !Number.isFinite(quantity)) return undefined;
  return quantityTextToHundredths(String(quantity));
}

/** 1250 → 12.5, the quantity as JSON carries it. */
export function hundredthsToQuantity(hundredths: number): number {
  return Number(`${Math.trunc(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`);
}

/** A line's amount: quantity × unit price, rounded half up to whole rupiah, as a RAB spreadsheet rounds. */
export function budgetLineAmount(quantityHundredths: number, unitPrice: number): bigint {
  return (BigInt(quantityHundredths) * BigInt(unitPrice) + 50n) / 100n;
}

/** The budget total: the sum of the lines' amounts (each rounded first). */
export function budgetTotalOf(lines: ReadonlyArray<{ quantityHundredths: number; unitPrice: number }>): bigint {
  return lines.reduce((total, line) => total + budgetLineAmount(line.quantityHundredths, line.unitPrice), 0n);
}

/** The largest total JSON carries exactly: a budget beyond it is refused. */
export const MAX_BUDGET_TOTAL = MAX_SAFE;

/**
 * Swadaya ÷ budget total in basis points, rounded down (a programme's minimum share must be reached,
 * not rounded up to); 0 for an empty budget.
 */
export function selfHelpShareBpOf(selfHelpAmount: number | bigint, total: number | bigint): number {
  const whole = BigInt(total);
  return whole === 0n ? 0 : Number((BigInt(selfHelpAmount) * 10_000n) / whole);
}
