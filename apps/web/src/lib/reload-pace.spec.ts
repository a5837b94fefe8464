import { DEFAULT_RELOAD_PACE, reloadDelayMs } from './reload-pace';

describe('how a page waits for an outcome another service learns', () => {
  it('loads again every half second for the first ten seconds', () => {
    expect([0, 1, 19].map((spent) => reloadDelayMs(spent))).toEqual([500, 500, 500]);
    expect(DEFAULT_RELOAD_PACE.everyMs * DEFAULT_RELOAD_PACE.quickTries).toBe(10_000);
  });

  it('then goes on every five seconds instead of giving up, so a page whose service was slow still catches up', () => {
    expect([20, 21, 500].map((spent) => reloadDelayMs(spent))).toEqual([5000, 5000, 5000]);
  });

  it('follows the pace it is given', () => {
    const pace = { everyMs: 100, quickTries: 2, slowMs: 1000 };
    expect([0, 1, 2, 3].map((spent) => reloadDelayMs(spent, pace))).toEqual([100, 100, 1000, 1000]);
  });
});
