import { formatRupiah } from '@alur/contracts';

const ID_NUMBER = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });

/** Whole rupiah as an Indonesian reader writes it (`Rp 1.500.000`): the services' own formatting, in both languages. */
export { formatRupiah };

/** Whole rupiah as a person types them into a field (`1.500.000`): how a form shows an amount it was given. */
export function rupiahFieldText(amount: number): string {
  return ID_NUMBER.format(amount);
}

/** A shorter figure for chart axes: `Rp 1,5 M` (miliar), `Rp 400 jt` (juta). Display only. */
export function formatRupiahShort(amount: number): string {
  if (amount >= 1_000_000_000) return `Rp ${trimmed(amount, 1_000_000_000)} M`;
  if (amount >= 1_000_000) return `Rp ${trimmed(amount, 1_000_000)} jt`;
  return formatRupiah(amount);
}

/** amount ÷ unit with one decimal, by integer arithmetic, written with a decimal comma. */
function trimmed(amount: number, unit: number): string {
  const tenths = Math.floor((amount * 10) / unit);
  const whole = Math.floor(tenths / 10);
  const rest = tenths % 10;
  return rest === 0 ? ID_NUMBER.format(whole) : `${ID_NUMBER.format(whole)},${rest}`;
}

/**
 * What a person typed into a rupiah field: digits with optional thousands dots or spaces
 * (`1.500.000`, `1 500 000`), whole rupiah only. Undefined when it is not such an amount.
 */
export function parseRupiah(text: string): number | undefined {
  const compact = text.replace(/^Rp\s*/i, '').replace(/[.\s]/g, '');
  if (!/^\d+$/.test(compact)) return undefined;
  const value = BigInt(compact);
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined;
}

/**
 * Whether a rupiah field holds something other than an amount ("2,5 miliar"): its field says how to write one,
 * as the person types and after the API's refusal, which can only say that the value is not a number.
 * An empty field is no amount yet.
 */
export function unreadableRupiah(text: string): boolean {
  return text.trim() !== '' && parseRupiah(text) === undefined;
}
