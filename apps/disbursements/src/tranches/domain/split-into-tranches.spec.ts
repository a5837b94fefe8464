import fc from 'fast-check';
import { Tranche } from '@alur/contracts';
import { splitIntoTranches } from './split-into-tranches';

const plan = (...shares: number[]): Tranche[] => shares.map((shareBp, i) => ({ shareBp, unlockProgressPercent: i === 0 ? 0 : i * 30 }));

/** Tranche plans whose shares sum to 10000 bp, with 1 to 6 tranches (zero shares allowed: they are legal in the contract). */
const tranchePlans = fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 0, maxLength: 5 }).map((cuts) => {
  const points = [0, ...[...cuts].sort((a, b) => a - b), 10_000];
  return plan(...points.slice(1).map((p, i) => p - points[i]));
});

describe('splitting a committed amount into tranches', () => {
  it('splits 40/30/30 of an awkward amount, the remainder going to the last tranche', () => {
    expect(splitIntoTranches(1_000_000_001, plan(4000, 3000, 3000)).map((t) => t.amount)).toEqual([400_000_000, 300_000_000, 300_000_001]);
    expect(splitIntoTranches(333_333_333, plan(4000, 3000, 3000)).map((t) => t.amount)).toEqual([133_333_333, 99_999_999, 100_000_001]);
  });

  it('splits thirds of one rupiah and of small amounts exactly', () => {
    expect(splitIntoTranches(1, plan(3333, 3333, 3334)).map((t) => t.amount)).toEqual([0, 0, 1]);
    expect(splitIntoTranches(100, plan(3333, 3333, 3334)).map((t) => t.amount)).toEqual([33, 33, 34]);
    expect(splitIntoTranches(0, plan(5000, 5000)).map((t) => t.amount)).toEqual([0, 0]);
  });

  it('keeps exact integers at the largest safe amount, where floating point would not', () => {
    const amount = Number.MAX_SAFE_INTEGER;
    const tranches = splitIntoTranches(amount, plan(3333, 3333, 3334));
    expect(tranches.map((t) => t.amount)).toEqual([3_002_099_511_605_172, 3_002_099_511_605_172, 3_003_000_231_530_647]);
    expect(tranches.reduce((sum, t) => sum + BigInt(t.amount), 0n)).toBe(BigInt(amount));
  });

  it('numbers the tranches and carries the plan’s shares and thresholds', () => {
    expect(
      splitIntoTranches(1_000_000_000, [
        { shareBp: 5000, unlockProgressPercent: 0 },
        { shareBp: 5000, unlockProgressPercent: 50 },
      ]),
    ).toEqual([
      { number: 1, shareBp: 5000, unlockProgressPercent: 0, amount: 500_000_000 },
      { number: 2, shareBp: 5000, unlockProgressPercent: 50, amount: 500_000_000 },
    ]);
  });

  it('refuses a plan that does not add up to 100% and amounts that are not whole rupiah', () => {
    expect(() => splitIntoTranches(100, plan(4000, 3000))).toThrow(RangeError);
    expect(() => splitIntoTranches(100.5, plan(10_000))).toThrow(RangeError);
    expect(() => splitIntoTranches(-1, plan(10_000))).toThrow(RangeError);
  });

  it('always sums to the amount exactly, with no negative tranche', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), tranchePlans, (amount, trancheplan) => {
        const tranches = splitIntoTranches(amount, trancheplan);
        expect(tranches).toHaveLength(trancheplan.length);
        expect(tranches.reduce((sum, t) => sum + BigInt(t.amount), 0n)).toBe(BigInt(amount));
        for (const t of tranches) expect(Number.isSafeInteger(t.amount) && t.amount >= 0).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives every tranche but the last the floor of its exact share, and the last at least its share', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), tranchePlans, (amount, trancheplan) => {
        const tranches = splitIntoTranches(amount, trancheplan);
        tranches.forEach((t, i) => {
          const exactTimes10k = BigInt(amount) * BigInt(t.shareBp);
          if (i < tranches.length - 1) {
            // floor: amount·share/10000 − 1 < tranche ≤ amount·share/10000
            expect(BigInt(t.amount) * 10_000n <= exactTimes10k).toBe(true);
            expect((BigInt(t.amount) + 1n) * 10_000n > exactTimes10k).toBe(true);
          } else {
            expect(BigInt(t.amount) * 10_000n >= exactTimes10k).toBe(true);
            // what the last one gains is less than one rupiah per earlier tranche
            expect(BigInt(t.amount) * 10_000n - exactTimes10k < BigInt(tranches.length) * 10_000n).toBe(true);
          }
        });
      }),
      { numRuns: 2000 },
    );
  });
});
