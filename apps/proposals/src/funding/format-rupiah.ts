const ID_NUMBER = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });

/** Rupiah as an Indonesian reader writes it, for timeline notes: `Rp 1.000.000.000`. */
export function formatRupiah(amount: number): string {
  return `Rp ${ID_NUMBER.format(amount)}`;
}
