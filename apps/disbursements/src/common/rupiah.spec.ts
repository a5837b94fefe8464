import { formatRupiah, rupiahOf } from './rupiah';

describe('rupiah', () => {
  it('reads bigint strings as whole rupiah, up to the largest safe integer', () => {
    expect(rupiahOf('0')).toBe(0);
    expect(rupiahOf('1000000000')).toBe(1_000_000_000);
    expect(rupiahOf('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses what would lose precision or is not whole', () => {
    expect(() => rupiahOf('9007199254740993')).toThrow(RangeError);
    expect(() => rupiahOf('12.5')).toThrow(RangeError);
    expect(() => rupiahOf('1e3')).toThrow(RangeError);
    expect(() => rupiahOf(1.5)).toThrow(RangeError);
  });

  it('formats amounts the Indonesian way', () => {
    expect(formatRupiah(1_000_000_000)).toBe('Rp 1.000.000.000');
    expect(formatRupiah(0)).toBe('Rp 0');
    expect(formatRupiah(333_333_334n)).toBe('Rp 333.333.334');
  });
});
