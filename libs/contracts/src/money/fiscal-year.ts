/**
 * The regency's fiscal year (tahun anggaran) at an instant: Indonesian regional budgets (APBD) run
 * from 1 January to 31 December, read in the regency's own time zone, so 31 December 20:00 UTC is
 * already the next year in Bengkalis (WIB, UTC+7).
 */
export function fiscalYearAt(instant: Date, timeZone = 'Asia/Jakarta'): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric' }).format(instant));
}
