/** How a page loads again what another service learns moments after an act (useReloadWhile). */
export interface ReloadPace {
  /** The wait before each of the first `quickTries` loads: the outcome usually comes within them. */
  everyMs: number;
  quickTries: number;
  /** The wait before each load after those: a service that is slower (restarting, say) is still caught up on. */
  slowMs: number;
}

export const DEFAULT_RELOAD_PACE: ReloadPace = { everyMs: 500, quickTries: 20, slowMs: 5000 };

/** The wait before the next load, after `spent` loads already made. */
export function reloadDelayMs(spent: number, pace: ReloadPace = DEFAULT_RELOAD_PACE): number {
  return spent < pace.quickTries ? pace.everyMs : pace.slowMs;
}
