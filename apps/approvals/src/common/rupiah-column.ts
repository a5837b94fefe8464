import { ValueTransformer } from 'typeorm';

/** A `bigint` rupiah value (PostgreSQL gives a string) as whole rupiah, refusing what is not a safe integer. */
export function rupiahOf(value: string): number {
  const amount = Number(value);
  if (!Number.isSafeInteger(amount) || String(amount) !== value) throw new RangeError(`Not a safe whole-rupiah amount: ${value}`);
  return amount;
}

/** Column transformer for `bigint` rupiah columns. */
export const rupiahColumn: ValueTransformer = {
  to: (value: number | null | undefined) => (value === null || value === undefined ? value : String(value)),
  from: (value: string | null) => (value === null ? null : rupiahOf(value)),
};
