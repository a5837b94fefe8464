import type { Language } from '../i18n/messages';

/** The unit a duration is best read in: minutes under an hour, hours under a day, days beyond. */
export type DurationUnit = 'minute' | 'hour' | 'day';

export const MINUTES_PER: Readonly<Record<DurationUnit, number>> = { minute: 1, hour: 60, day: 24 * 60 };

export function durationUnitOf(minutes: number): DurationUnit {
  if (minutes >= MINUTES_PER.day) return 'day';
  return minutes >= MINUTES_PER.hour ? 'hour' : 'minute';
}

/** A unit's amount as the reader writes it: `12 menit`, `2,5 jam`, `1.5 days`. */
export function unitText(amount: number, unit: DurationUnit, language: Language): string {
  return new Intl.NumberFormat(language === 'en' ? 'en' : 'id-ID', {
    style: 'unit',
    unit,
    unitDisplay: 'long',
    maximumFractionDigits: 1,
  }).format(amount);
}

/** Whole minutes in the unit that reads best, one decimal at most; under a minute is `< 1 menit`. */
export function durationText(minutes: number, language: Language): string {
  if (minutes < 1) return `< ${unitText(1, 'minute', language)}`;
  const unit = durationUnitOf(minutes);
  return unitText(minutes / MINUTES_PER[unit], unit, language);
}
