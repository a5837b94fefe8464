import { WorkingClock } from './working-clock';
import { assertTimeZone, fromLocal, LocalDateTime, toLocal } from '@alur/contracts';

/** A calendar date (no time), kept as midnight UTC only to reuse Date's day arithmetic. */
type CalendarDate = Date;

/** No real calendar has a year without working days; a longer search means a broken holiday list. */
const MAX_DAYS_SEARCHED = 3660;

export function isoDate(date: CalendarDate): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Working days in the regency's time zone: Monday to Friday, minus the holidays given as
 * `YYYY-MM-DD` dates of that zone.
 *
 * Counting rule: N working days after an instant is the same wall-clock time N working days later
 * (opened Monday 10:00, 3 working days → Thursday 10:00; opened Friday 15:00, 1 working day →
 * Monday 15:00). An instant outside working days counts from 00:00 of the next working day
 * (opened Saturday 09:00, 1 working day → Tuesday 00:00, i.e. the end of Monday).
 */
export class CalendarWorkingClock implements WorkingClock {
  constructor(
    private readonly timeZone: string,
    private readonly holidays: ReadonlySet<string>,
  ) {
    assertTimeZone(timeZone);
  }

  isWorkingDay(date: CalendarDate): boolean {
    const weekday = date.getUTCDay();
    return weekday !== 0 && weekday !== 6 && !this.holidays.has(isoDate(date));
  }

  /** Whether the instant falls on a working day of the regency. */
  isWorkingInstant(instant: Date): boolean {
    return this.isWorkingDay(dateOf(toLocal(instant, this.timeZone)));
  }

  addWorkingDays(from: Date, workingDays: number): Date {
    return this.step(from, workingDays, 1);
  }

  subtractWorkingDays(from: Date, workingDays: number): Date {
    return this.step(from, workingDays, -1);
  }

  /**
   * Each working day in the interval counts for the share of it that the interval covers (Friday
   * 15:00 to Monday 15:00 is 9/24 + 15/24 = 1); weekends and holidays count for nothing.
   */
  workingDaysBetween(from: Date, to: Date): number {
    if (to.getTime() <= from.getTime()) return 0;
    const last = dateOf(toLocal(to, this.timeZone));
    let total = 0;
    for (let date = dateOf(toLocal(from, this.timeZone)); date.getTime() <= last.getTime(); date = new Date(date.getTime() + 86_400_000)) {
      if (!this.isWorkingDay(date)) continue;
      const start = this.midnightOf(date);
      const end = this.midnightOf(new Date(date.getTime() + 86_400_000));
      const covered = Math.min(end, to.getTime()) - Math.max(start, from.getTime());
      if (covered > 0) total += covered / (end - start);
    }
    return total;
  }

  private midnightOf(date: CalendarDate): number {
    return fromLocal(
      { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: 0, minute: 0, second: 0, millisecond: 0 },
      this.timeZone,
    ).getTime();
  }

  private step(from: Date, workingDays: number, direction: 1 | -1): Date {
    if (!Number.isInteger(workingDays) || workingDays < 0)
      throw new RangeError(`workingDays must be a whole number ≥ 0, got ${workingDays}`);
    const local = toLocal(from, this.timeZone);
    let date = dateOf(local);
    let time: Omit<LocalDateTime, 'year' | 'month' | 'day'> = local;
    if (!this.isWorkingDay(date)) {
      date = this.nextWorkingDay(date, 1);
      time = { hour: 0, minute: 0, second: 0, millisecond: 0 };
    }
    for (let i = 0; i < workingDays; i++) date = this.nextWorkingDay(date, direction);
    return fromLocal(
      { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), ...pickTime(time) },
      this.timeZone,
    );
  }

  private nextWorkingDay(date: CalendarDate, direction: 1 | -1): CalendarDate {
    let candidate = date;
    for (let searched = 0; searched < MAX_DAYS_SEARCHED; searched++) {
      candidate = new Date(candidate.getTime() + direction * 86_400_000);
      if (this.isWorkingDay(candidate)) return candidate;
    }
    throw new Error(`No working day within ${MAX_DAYS_SEARCHED} days of ${isoDate(date)}: check the holiday calendar`);
  }
}

function dateOf(local: LocalDateTime): CalendarDate {
  return new Date(Date.UTC(local.year, local.month - 1, local.day));
}

function pickTime(time: Omit<LocalDateTime, 'year' | 'month' | 'day'>) {
  return { hour: time.hour, minute: time.minute, second: time.second, millisecond: time.millisecond };
}
