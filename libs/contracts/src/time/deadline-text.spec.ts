import { deadlineText } from './deadline-text';

const long = (locale: string, timeZone: string) =>
  new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
    timeZoneName: 'short',
  });
const medium = (locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23', timeZone: 'Asia/Jakarta' });

describe('deadlineText', () => {
  // Opened on Saturday 5 December 2026 with three working days: due when Wednesday the 9th ends.
  const endOfWednesdayWib = new Date('2026-12-09T17:00:00Z');

  it('writes a deadline at midnight as the end of the day before, at 24.00', () => {
    expect(deadlineText(long('id-ID', 'Asia/Jakarta'), endOfWednesdayWib)).toBe('9 Desember 2026 pukul 24.00 WIB');
    expect(deadlineText(long('en-ID', 'Asia/Jakarta'), endOfWednesdayWib)).toBe('9 December 2026 at 24.00 WIB');
    expect(deadlineText(medium('id-ID'), endOfWednesdayWib)).toBe('9 Des 2026, 24.00');
    expect(deadlineText(medium('en-GB'), endOfWednesdayWib)).toBe('9 Dec 2026, 24:00');
  });

  it('takes midnight in the format’s own time zone', () => {
    // 17:00 UTC is midnight in WIB but 01.00 in WITA: that deadline is written as it is.
    expect(deadlineText(long('id-ID', 'Asia/Makassar'), endOfWednesdayWib)).toBe('10 Desember 2026 pukul 01.00 WITA');
    expect(deadlineText(long('id-ID', 'Asia/Makassar'), new Date('2026-12-09T16:00:00Z'))).toBe('9 Desember 2026 pukul 24.00 WITA');
  });

  it('writes any other moment as the format does', () => {
    expect(deadlineText(long('id-ID', 'Asia/Jakarta'), new Date('2026-03-17T07:30:00Z'))).toBe('17 Maret 2026 pukul 14.30 WIB');
    // A minute past midnight is a moment of that day.
    expect(deadlineText(medium('id-ID'), new Date('2026-12-09T17:01:00Z'))).toBe('10 Des 2026, 00.01');
  });
});
