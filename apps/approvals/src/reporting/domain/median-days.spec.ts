import { medianDays } from './median-days';

const days = (n: number) => n * 86_400_000;

describe('medianDays', () => {
  it('is null without decisions', () => {
    expect(medianDays([])).toBeNull();
  });

  it('takes the middle duration, or the mean of the two middle ones', () => {
    expect(medianDays([days(5), days(1), days(2)])).toBe(2);
    expect(medianDays([days(1), days(2), days(3), days(10)])).toBe(2.5);
  });

  it('rounds to one decimal', () => {
    expect(medianDays([days(1) / 3])).toBe(0.3);
  });
});
