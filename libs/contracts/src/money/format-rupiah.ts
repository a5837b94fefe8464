const ID_NUMBER = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });

/**
 * Rupiah as an Indonesian reader writes it: `Rp 1.000.000.000`, a shortfall `-Rp 25.000`. For people
 * only (the services' messages, the console); JSON carries integers.
 */
export function formatRupiah(amount: number | bigint): string {
  const negative = amount < 0;
  return `${negative ? '-' : ''}Rp ${ID_NUMBER.format(negative ? -amount : amount)}`;
}
