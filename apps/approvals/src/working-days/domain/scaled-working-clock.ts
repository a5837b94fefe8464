import { WorkingClock } from './working-clock';

/**
 * The clock for tests and demos (`APPROVALS_WORKING_DAY_SECONDS`): every working day lasts the same
 * number of real seconds, around the clock, with no weekends or holidays.
 */
export class ScaledWorkingClock implements WorkingClock {
  private readonly dayMs: number;

  constructor(secondsPerWorkingDay: number) {
    if (!(secondsPerWorkingDay > 0)) throw new RangeError('secondsPerWorkingDay must be positive');
    this.dayMs = Math.round(secondsPerWorkingDay * 1000);
  }

  addWorkingDays(from: Date, workingDays: number): Date {
    return new Date(from.getTime() + workingDays * this.dayMs);
  }

  subtractWorkingDays(from: Date, workingDays: number): Date {
    return new Date(from.getTime() - workingDays * this.dayMs);
  }

  workingDaysBetween(from: Date, to: Date): number {
    return Math.max(0, to.getTime() - from.getTime()) / this.dayMs;
  }
}
