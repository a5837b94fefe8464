/**
 * The p-th percentile by the nearest-rank method: the values sorted ascending, the one at rank
 * ⌈p/100 × n⌉ (counting from 1). It is always one of the values (a duration that really happened),
 * so the median of 4 values is the 2nd, and p90 of 10 values is the 9th. Null for no values.
 */
export function nearestRank(values: readonly number[], percentile: number): number | null {
  if (!(percentile > 0 && percentile <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${percentile}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((percentile / 100) * sorted.length) - 1];
}
