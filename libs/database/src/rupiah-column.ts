import { ValueTransformer } from 'typeorm';

/**
 * Reads a bigint column (the pg driver hands it over as a string) as whole rupiah, refusing anything
 * that is not a safe integer rather than rounding it silently.
 */
export function rupiahOf(value: string | number | bigint): number {
  const amount = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(amount) || String(amount) !== String(value)) {
    throw new RangeError(`Not a safe whole-rupiah amount: ${String(value)}`);
  }
  return amount;
}

/** Column transformer for `bigint` rupiah columns (and other counts that must stay exact integers). */
export const rupiahColumn: ValueTransformer = {
  to: (value: number | null | undefined) => (value === null || value === undefined ? value : String(value)),
  from: (value: string | null) => (value === null ? null : rupiahOf(value)),
};
