import { fromLocal, isTimeZone, zoneAbbreviation } from '@alur/contracts';

/** The tag the gateway adds to the console's page, naming the regency's time zone (its TIMEZONE). */
const TIME_ZONE_META = 'meta[name="alur-time-zone"]';
/** Where no zone is named (Vite's dev server serves the page unchanged): Kabupaten Bengkalis' own. */
const WIB = 'Asia/Jakarta';

function zoneOfPage(): string {
  const named = typeof document === 'undefined' ? undefined : document.querySelector<HTMLMetaElement>(TIME_ZONE_META)?.content;
  return named && isTimeZone(named) ? named : WIB;
}

/** The regency's time zone: every time the console shows or reads is the regency's, as in the services. */
export const REGENCY_TIME_ZONE = zoneOfPage();

/** The zone as people there name it: WIB, WITA or WIT. */
export function zoneName(timeZone = REGENCY_TIME_ZONE): string {
  return zoneAbbreviation(timeZone);
}

/** The regency's zone by that name, worked out once: the zone never changes while the console runs. */
export const REGENCY_ZONE_NAME = zoneName();

/** The year now in the regency: its fiscal year is the calendar year. */
export function yearNow(timeZone = REGENCY_TIME_ZONE): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(new Date()));
}

/** An instant as the regency's clock shows it, `YYYY-MM-DDTHH:mm`, for a datetime-local field. */
export function localFieldValue(at: Date | string, timeZone = REGENCY_TIME_ZONE): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(at)).replace(' ', 'T');
}

/**
 * What a datetime-local field holds (`YYYY-MM-DDTHH:mm`, the regency's clock) as the instant it names, in
 * ISO form for the API. Empty stays empty, and anything else is sent as it is, for the API to refuse by name.
 */
export function instantOfLocalField(local: string, timeZone = REGENCY_TIME_ZONE): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return local;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  return fromLocal({ year, month, day, hour, minute, second: 0, millisecond: 0 }, timeZone).toISOString();
}
