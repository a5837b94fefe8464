import { medianMinutes } from './median-minutes';

const minutes = (n: number) => n * 60_000;
const days = (n: number) => minutes(n * 24 * 60);

describe('medianMinutes', () => {
  it('is null without decisions', () => {
    expect(medianMinutes([])).toBeNull();
  });

  it('takes the middle duration, or the mean of the two middle ones', () => {
    expect(medianMinutes([days(5), days(1), days(2)])).toBe(2 * 24 * 60);
    expect(medianMinutes([minutes(10), minutes(20), minutes(30), days(10)])).toBe(25);
  });

  it('rounds to whole minutes, so a decision within the hour is not a median of nothing', () => {
    expect(medianMinutes([minutes(12.4)])).toBe(12);
    expect(medianMinutes([20_000])).toBe(0);
  });
});
