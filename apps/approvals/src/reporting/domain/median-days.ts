const DAY_MS = 86_400_000;

/** The median of durations in milliseconds, as days with one decimal; null for none. */
export function medianDays(durationsMs: number[]): number | null {
  if (durationsMs.length === 0) return null;
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return Math.round((median / DAY_MS) * 10) / 10;
}
