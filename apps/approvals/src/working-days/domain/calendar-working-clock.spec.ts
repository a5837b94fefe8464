import fc from 'fast-check';
import { CalendarWorkingClock } from './calendar-working-clock';
import { ScaledWorkingClock } from './scaled-working-clock';

/** Two of the 2026 national holidays: Imlek (Tuesday 17 February) and Nyepi (Thursday 19 March). */
const HOLIDAYS = new Set(['2026-02-17', '2026-03-19']);
const jakarta = new CalendarWorkingClock('Asia/Jakarta', HOLIDAYS);
/** Western Indonesian Time, UTC+7 all year: `wib('2026-02-02 10:00')` is Monday 10:00 in Jakarta. */
const wib = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);

describe('working days in the regency calendar (hari kerja)', () => {
  it('counts three working days from Monday 10:00 to Thursday 10:00', () => {
    expect(jakarta.addWorkingDays(wib('2026-02-02 10:00'), 3)).toEqual(wib('2026-02-05 10:00'));
  });

  it('lands a deadline on a Friday when three working days start on a Tuesday', () => {
    const due = jakarta.addWorkingDays(wib('2026-02-03 09:00'), 3);
    expect(due).toEqual(wib('2026-02-06 09:00'));
    expect(due.toLocaleDateString('en-US', { weekday: 'long', timeZone: 'Asia/Jakarta' })).toBe('Friday');
  });

  it('skips the weekend: Thursday 14:30 plus three working days is Tuesday 14:30', () => {
    expect(jakarta.addWorkingDays(wib('2026-02-05 14:30'), 3)).toEqual(wib('2026-02-10 14:30'));
  });

  it('skips a holiday: Monday before Imlek plus one working day is Wednesday', () => {
    expect(jakarta.addWorkingDays(wib('2026-02-16 10:00'), 1)).toEqual(wib('2026-02-18 10:00'));
  });

  it('skips a holiday and a weekend together: Wednesday before Nyepi plus two is Monday', () => {
    expect(jakarta.addWorkingDays(wib('2026-03-18 10:00'), 2)).toEqual(wib('2026-03-23 10:00'));
  });

  it('counts an opening on a Saturday or a holiday from 00:00 of the next working day', () => {
    expect(jakarta.addWorkingDays(wib('2026-02-07 09:00'), 1)).toEqual(wib('2026-02-10 00:00'));
    expect(jakarta.addWorkingDays(wib('2026-02-17 11:00'), 1)).toEqual(wib('2026-02-19 00:00'));
  });

  it('gives the instant itself for zero working days on a working day', () => {
    expect(jakarta.addWorkingDays(wib('2026-02-04 08:15'), 0)).toEqual(wib('2026-02-04 08:15'));
  });

  it('counts backwards for a reminder before the deadline, over weekends and holidays', () => {
    expect(jakarta.subtractWorkingDays(wib('2026-02-05 10:00'), 1)).toEqual(wib('2026-02-04 10:00'));
    expect(jakarta.subtractWorkingDays(wib('2026-02-09 10:00'), 1)).toEqual(wib('2026-02-06 10:00'));
    expect(jakarta.subtractWorkingDays(wib('2026-02-18 10:00'), 1)).toEqual(wib('2026-02-16 10:00'));
  });

  it('decides the day in the regency’s time zone, not in UTC', () => {
    // Friday 23:30 in Jakarta is already Saturday 01:30 in Jayapura (UTC+9).
    const friday2330 = wib('2026-02-06 23:30');
    expect(jakarta.addWorkingDays(friday2330, 1)).toEqual(wib('2026-02-09 23:30'));
    const jayapura = new CalendarWorkingClock('Asia/Jayapura', HOLIDAYS);
    expect(jayapura.addWorkingDays(friday2330, 1)).toEqual(new Date('2026-02-10T00:00:00+09:00'));
  });

  it('keeps the wall-clock time in a zone without daylight saving all year', () => {
    // Europe switches to summer time on 29 March 2026; Jakarta does not move.
    expect(jakarta.addWorkingDays(wib('2026-03-27 10:00'), 1)).toEqual(wib('2026-03-30 10:00'));
    expect(jakarta.addWorkingDays(wib('2026-10-23 10:00'), 1)).toEqual(wib('2026-10-26 10:00'));
  });

  it('keeps the wall-clock time across a daylight-saving switch in a zone that has one', () => {
    const amsterdam = new CalendarWorkingClock('Europe/Amsterdam', new Set());
    expect(amsterdam.addWorkingDays(new Date('2026-03-27T10:00:00+01:00'), 1)).toEqual(new Date('2026-03-30T10:00:00+02:00'));
  });

  it('refuses an unknown time zone and a negative count', () => {
    expect(() => new CalendarWorkingClock('Asia/Atlantis', HOLIDAYS)).toThrow(RangeError);
    expect(() => jakarta.addWorkingDays(wib('2026-02-02 10:00'), -1)).toThrow(RangeError);
  });

  it('always lands on a working day, and counting back returns to a working-day start', () => {
    const start = new Date('2026-01-01T00:00:00Z').getTime();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 86_400_000 }), fc.integer({ min: 0, max: 40 }), (offset, days) => {
        const from = new Date(start + offset);
        const due = jakarta.addWorkingDays(from, days);
        expect(jakarta.isWorkingInstant(due)).toBe(true);
        expect(due.getTime()).toBeGreaterThanOrEqual(from.getTime());
        if (jakarta.isWorkingInstant(from)) expect(jakarta.subtractWorkingDays(due, days)).toEqual(from);
      }),
    );
  });
});

describe('working days spent between two instants (a stage’s duration in hari kerja)', () => {
  it('counts Monday 10:00 to Thursday 10:00 as three, and Friday 15:00 to Monday 15:00 as one', () => {
    expect(jakarta.workingDaysBetween(wib('2026-02-02 10:00'), wib('2026-02-05 10:00'))).toBe(3);
    expect(jakarta.workingDaysBetween(wib('2026-02-06 15:00'), wib('2026-02-09 15:00'))).toBe(1);
  });

  it('leaves out the holiday: Monday 10:00 before Imlek to Wednesday 10:00 is one working day', () => {
    expect(jakarta.workingDaysBetween(wib('2026-02-16 10:00'), wib('2026-02-18 10:00'))).toBe(1);
  });

  it('counts part of a day: Monday 08:00 to 14:00 is a quarter, and a weekend alone is nothing', () => {
    expect(jakarta.workingDaysBetween(wib('2026-02-02 08:00'), wib('2026-02-02 14:00'))).toBe(0.25);
    expect(jakarta.workingDaysBetween(wib('2026-02-07 09:00'), wib('2026-02-08 20:00'))).toBe(0);
    expect(jakarta.workingDaysBetween(wib('2026-02-05 10:00'), wib('2026-02-02 10:00'))).toBe(0);
  });

  it('is the inverse of adding working days, whatever the start and the count', () => {
    const start = new Date('2026-01-01T00:00:00Z').getTime();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 86_400_000 }), fc.integer({ min: 0, max: 40 }), (offset, days) => {
        const from = new Date(start + offset);
        expect(jakarta.workingDaysBetween(from, jakarta.addWorkingDays(from, days))).toBeCloseTo(days, 9);
      }),
    );
  });

  it('on the scaled clock, is the elapsed time over the length of a working day', () => {
    expect(new ScaledWorkingClock(2).workingDaysBetween(wib('2026-02-07 09:00'), new Date(wib('2026-02-07 09:00').getTime() + 5000))).toBe(
      2.5,
    );
  });
});

describe('the scaled clock for tests and demos', () => {
  it('makes every working day last the configured seconds, weekends included', () => {
    const clock = new ScaledWorkingClock(2);
    const saturday = wib('2026-02-07 09:00');
    expect(clock.addWorkingDays(saturday, 3)).toEqual(new Date(saturday.getTime() + 6000));
    expect(clock.subtractWorkingDays(saturday, 1)).toEqual(new Date(saturday.getTime() - 2000));
  });
});
