import { rupiahColumn, rupiahOf } from './rupiah-column';

describe('rupiah columns', () => {
  it('reads bigint strings as whole rupiah, up to the largest safe integer', () => {
    expect(rupiahOf('0')).toBe(0);
    expect(rupiahOf('500000000')).toBe(500_000_000);
    expect(rupiahOf('1000000000')).toBe(1_000_000_000);
    expect(rupiahOf('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(rupiahColumn.from(null)).toBeNull();
    expect(rupiahColumn.to(2_000_000_000)).toBe('2000000000');
  });

  it('refuses what would lose precision or is not whole', () => {
    expect(() => rupiahOf('9007199254740993')).toThrow(RangeError);
    expect(() => rupiahOf('12.5')).toThrow(RangeError);
    expect(() => rupiahOf('1e3')).toThrow(RangeError);
    expect(() => rupiahOf('abc')).toThrow(RangeError);
    expect(() => rupiahOf(1.5)).toThrow(RangeError);
  });
});
