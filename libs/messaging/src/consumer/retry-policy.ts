/** Exponential back-off for a failed delivery: base, 2×base, 4×base …, at most a minute. */
export function retryDelayMs(deliveryCount: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, deliveryCount - 1), 60_000);
}
