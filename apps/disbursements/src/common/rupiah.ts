/**
 * Reads a bigint column (the pg driver hands it over as a string) as whole rupiah, refusing anything
 * that is not a safe integer rather than rounding it silently.
 */
export function rupiahOf(value: string | number | bigint): number {
  const amount = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(amount) || String(amount) !== String(value)) {
    throw new RangeError(`Not a safe whole-rupiah amount: ${String(value)}`);
  }
  return amount;
}

const ID_NUMBER = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });

/** Rupiah as an Indonesian reader writes it: `Rp 1.000.000.000`. For messages only; JSON carries integers. */
export function formatRupiah(amount: number | bigint): string {
  return `Rp ${ID_NUMBER.format(amount)}`;
}
