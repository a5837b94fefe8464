import { toLocal } from './zoned-time';

/**
 * A deadline as people read it. One falling at midnight is the end of the day before, so it is written
 * with that day and 24.00 (`9 Desember 2026 pukul 24.00 WIB`): "10 Desember pukul 00.00" reads as if
 * the whole of 10 December were left. Stages opened on a weekend or a holiday are due at such a
 * midnight. Any other moment is written as `format` writes it; `format` must show hours and minutes
 * on a 24-hour clock (hourCycle h23).
 */
export function deadlineText(format: Intl.DateTimeFormat, deadline: Date): string {
  const { hour, minute, second, millisecond } = toLocal(deadline, format.resolvedOptions().timeZone);
  if (hour !== 0 || minute !== 0 || second !== 0 || millisecond !== 0) return format.format(deadline);
  const lastMinute = new Date(deadline.getTime() - 60_000);
  return format
    .formatToParts(lastMinute)
    .map((part) => (part.type === 'hour' ? '24' : part.type === 'minute' ? '00' : part.value))
    .join('');
}
