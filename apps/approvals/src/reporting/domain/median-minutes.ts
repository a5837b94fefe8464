const MINUTE_MS = 60_000;

/**
 * The median of durations in milliseconds, as whole minutes; null for none. Minutes, not days: a
 * regency's officials often decide within hours, which days with one decimal wrote as 0.
 */
export function medianMinutes(durationsMs: number[]): number | null {
  if (durationsMs.length === 0) return null;
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return Math.round(median / MINUTE_MS);
}
