import { formatRupiah, formatRupiahShort, parseRupiah, rupiahFieldText, unreadableRupiah } from './rupiah';

describe('rupiah formatting', () => {
  it('writes whole rupiah with thousands dots', () => {
    expect(formatRupiah(0)).toBe('Rp 0');
    expect(formatRupiah(1_500_000)).toBe('Rp 1.500.000');
    expect(formatRupiah(Number.MAX_SAFE_INTEGER)).toBe('Rp 9.007.199.254.740.991');
    expect(formatRupiah(-25_000)).toBe('-Rp 25.000');
  });

  it('shortens large amounts for chart axes without rounding up', () => {
    expect(formatRupiahShort(1_500_000_000)).toBe('Rp 1,5 M');
    expect(formatRupiahShort(399_999_999)).toBe('Rp 399,9 jt');
    expect(formatRupiahShort(2_000_000_000)).toBe('Rp 2 M');
    expect(formatRupiahShort(75_000)).toBe('Rp 75.000');
  });

  it('reads what people type, refusing fractions and amounts JSON cannot carry exactly', () => {
    expect(parseRupiah('1.500.000')).toBe(1_500_000);
    expect(parseRupiah('Rp 1 500 000')).toBe(1_500_000);
    expect(parseRupiah('1500000')).toBe(1_500_000);
    expect(parseRupiah('1,5')).toBeUndefined();
    expect(parseRupiah('')).toBeUndefined();
    expect(parseRupiah('9007199254740992')).toBeUndefined();
  });

  it('tells an amount that cannot be read from one not typed yet', () => {
    expect(['2,5 miliar', '1,5', 'dua juta', '9007199254740992'].map(unreadableRupiah)).toEqual([true, true, true, true]);
    expect(['', '  ', '2.500.000', 'Rp 2 500 000'].map(unreadableRupiah)).toEqual([false, false, false, false]);
  });

  it('writes an amount into a field as a person would type it, which reads back as the same amount', () => {
    expect(rupiahFieldText(10_000_000)).toBe('10.000.000');
    expect(rupiahFieldText(0)).toBe('0');
    for (const amount of [0, 999, 1_000, 2_500_000, Number.MAX_SAFE_INTEGER]) expect(parseRupiah(rupiahFieldText(amount))).toBe(amount);
  });
});
