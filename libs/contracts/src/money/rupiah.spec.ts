import { formatRupiah, Rupiah } from './rupiah';

describe('rupiah', () => {
  it('accepts whole, safe, non-negative amounts only', () => {
    expect(Rupiah.safeParse(1_000_000_000).success).toBe(true);
    expect(Rupiah.safeParse(Number.MAX_SAFE_INTEGER).success).toBe(true);
    expect(Rupiah.safeParse(1.5).success).toBe(false);
    expect(Rupiah.safeParse(-1).success).toBe(false);
    expect(Rupiah.safeParse(Number.MAX_SAFE_INTEGER + 1).success).toBe(false);
  });

  it('formats amounts the Indonesian way', () => {
    expect(formatRupiah(1_000_000_000)).toBe('Rp 1.000.000.000');
    expect(formatRupiah(0)).toBe('Rp 0');
    expect(formatRupiah(333_333_334n)).toBe('Rp 333.333.334');
    expect(formatRupiah(-25_000)).toBe('-Rp 25.000');
    expect(formatRupiah(-25_000n)).toBe('-Rp 25.000');
  });
});
