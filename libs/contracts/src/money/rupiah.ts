import { z } from 'zod';

/** Whole rupiah as JSON carries it: a non-negative safe integer (never a fraction, never beyond 2^53 − 1). */
export const Rupiah = z
  .number()
  .int()
  .nonnegative()
  .refine((value) => Number.isSafeInteger(value), 'must be a safe integer number of rupiah');
export type Rupiah = z.infer<typeof Rupiah>;

/** A share in basis points: 500 = 5%, 10000 = 100%. */
export const BasisPoints = z.number().int().min(0).max(10_000);

// Apart from the schemas above, so that a page formatting amounts does not bring zod along.
export { formatRupiah } from './format-rupiah';
