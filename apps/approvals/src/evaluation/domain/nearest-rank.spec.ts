import { nearestRank } from './nearest-rank';

describe('percentiles by nearest rank', () => {
  /** Ten stage durations in working days, unsorted: sorted they are 0.5 1 1 2 2.5 3 4 6 9 15. */
  const TEN = [4, 1, 15, 2.5, 0.5, 9, 2, 1, 6, 3];

  it('takes the value at rank ⌈p/100 × n⌉ of the sorted values', () => {
    expect(nearestRank(TEN, 50)).toBe(2.5); // rank 5
    expect(nearestRank(TEN, 90)).toBe(9); // rank 9
    expect(nearestRank(TEN, 100)).toBe(15);
  });

  it('takes the lower middle for an even count, never a mean of two', () => {
    expect(nearestRank([1, 2, 3, 10], 50)).toBe(2);
    expect(nearestRank([1, 2, 3, 10], 90)).toBe(10); // rank ⌈3.6⌉ = 4
  });

  it('for one value is that value, for three the middle and the largest', () => {
    expect(nearestRank([7], 50)).toBe(7);
    expect(nearestRank([7], 90)).toBe(7);
    expect(nearestRank([3, 1, 2], 50)).toBe(2);
    expect(nearestRank([3, 1, 2], 90)).toBe(3);
  });

  it('is null without values and refuses a percentile outside (0, 100]', () => {
    expect(nearestRank([], 50)).toBeNull();
    expect(() => nearestRank(TEN, 0)).toThrow(RangeError);
    expect(() => nearestRank(TEN, 101)).toThrow(RangeError);
  });
});
