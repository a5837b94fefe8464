import { nextTrancheStep, TrancheState } from './next-tranche-step';

const plan = (...statuses: TrancheState['status'][]): TrancheState[] =>
  statuses.map((status, i) => ({ number: i + 1, status, unlockProgressPercent: [0, 30, 70][i] }));

describe('the next step of a disbursement', () => {
  it('keeps the second tranche locked until the first is released and progress meets its threshold', () => {
    expect(nextTrancheStep(plan('READY', 'LOCKED', 'LOCKED'), 80, false)).toEqual({ ready: undefined, complete: false });
    expect(nextTrancheStep(plan('RELEASED', 'LOCKED', 'LOCKED'), 29, false)).toEqual({ ready: undefined, complete: false });
    expect(nextTrancheStep(plan('RELEASED', 'LOCKED', 'LOCKED'), null, false)).toEqual({ ready: undefined, complete: false });
    expect(nextTrancheStep(plan('RELEASED', 'LOCKED', 'LOCKED'), 30, false)).toEqual({ ready: 2, complete: false });
  });

  it('unlocks only the next tranche, even when progress already meets a later threshold', () => {
    expect(nextTrancheStep(plan('RELEASED', 'LOCKED', 'LOCKED'), 90, false).ready).toBe(2);
    expect(nextTrancheStep(plan('RELEASED', 'RELEASED', 'LOCKED'), 90, false).ready).toBe(3);
    expect(nextTrancheStep(plan('RELEASED', 'READY', 'LOCKED'), 90, false).ready).toBeUndefined();
  });

  it('completes when the last tranche is released and the final report is in, in either order', () => {
    expect(nextTrancheStep(plan('RELEASED', 'RELEASED', 'RELEASED'), 90, false).complete).toBe(false);
    expect(nextTrancheStep(plan('RELEASED', 'RELEASED', 'READY'), 100, true).complete).toBe(false);
    expect(nextTrancheStep(plan('RELEASED', 'RELEASED', 'RELEASED'), 100, true).complete).toBe(true);
  });
});
