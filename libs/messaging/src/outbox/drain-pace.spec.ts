import { DRAIN_COMPANY, DrainPace } from './drain-pace';

describe('DrainPace', () => {
  /** Drains `times` times, each `everyMs` after the one before, at `perSecond` events a second. */
  const drainAt = (pace: DrainPace, perSecond: number, everyMs: number, times = 30) => {
    for (let i = 0; i < times; i++) pace.drained(Math.round((perSecond * everyMs) / 1000), everyMs, 1);
  };

  it('keeps the whole spacing at a lifecycle’s rates, where changes a few ms apart share a drain', () => {
    const pace = new DrainPace({ OUTBOX_DRAIN_SPACING_MS: 50 });
    expect(pace.spacingMs).toBe(50);
    drainAt(pace, 40, 50);
    expect(pace.spacingMs).toBe(50);
    // A burst (a decision's several events) does not shorten it for what follows.
    pace.drained(6, 50, 1);
    pace.drained(1, 50, 1);
    expect(pace.spacingMs).toBe(50);
  });

  it('waits only as long as a drain’s company takes to come when events come fast, and the whole spacing again after a quiet spell', () => {
    const pace = new DrainPace({ OUTBOX_DRAIN_SPACING_MS: 50 });
    drainAt(pace, 800, 10);
    // 8 events at 800 a second: 10 ms.
    expect(pace.spacingMs).toBe((DRAIN_COMPANY * 1000) / 800);
    drainAt(pace, 4000, 2);
    expect(pace.spacingMs).toBe(2);
    // A minute without events, then one.
    pace.drained(1, 60_000, 1);
    pace.drained(1, 50, 1);
    expect(pace.spacingMs).toBe(50);
  });

  it('leaves at least as long between drains as drains lately took, so a busy relay carries more in each', () => {
    const pace = new DrainPace({ OUTBOX_DRAIN_SPACING_MS: 50 });
    // 1,600 events a second, each drain taking 30 ms on a machine short of CPU: company would come in 5 ms.
    for (let i = 0; i < 30; i++) pace.drained(48, 30, 30);
    expect(pace.spacingMs).toBe(30);
    // Longer than the ceiling, the ceiling holds.
    for (let i = 0; i < 30; i++) pace.drained(160, 100, 100);
    expect(pace.spacingMs).toBe(50);
  });

  it('never exceeds the configured spacing, and with none drains at every wake-up', () => {
    const slow = new DrainPace({ OUTBOX_DRAIN_SPACING_MS: 20 });
    drainAt(slow, 10, 20);
    expect(slow.spacingMs).toBe(20);
    const none = new DrainPace({ OUTBOX_DRAIN_SPACING_MS: 0 });
    drainAt(none, 10, 5);
    expect(none.spacingMs).toBe(0);
    none.drained(0, 0, 0);
    expect(none.spacingMs).toBe(0);
  });
});
