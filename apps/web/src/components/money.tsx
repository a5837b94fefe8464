import { formatRupiah } from '../lib/rupiah';

/** An amount in rupiah, kept on one line. */
export function Money({ amount }: { amount: number }) {
  return <span className="money">{formatRupiah(amount)}</span>;
}
