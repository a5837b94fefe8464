import { Language } from './notification-kind';

/** Rupiah as Indonesians write it in either language: `Rp 1.500.000` (with a no-break space after Rp). */
const RUPIAH = new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 });

export function formatRupiah(amount: number): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Not a whole-rupiah amount: ${amount}`);
  return RUPIAH.format(amount);
}

/** en-ID keeps the regency's own zone abbreviation (WIB, WITA, WIT) in English text too. */
const DATE_LOCALE: Record<Language, string> = { id: 'id-ID', en: 'en-ID' };

/** A moment as the regency reads it: `12 Maret 2026 pukul 14.30 WIB` / `12 March 2026 at 14.30 WIB`. */
export function formatDateTime(iso: string | Date, language: Language, timeZone: string): string {
  return new Intl.DateTimeFormat(DATE_LOCALE[language], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** The calendar day (YYYY-MM-DD) of a moment in the regency's time zone. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
