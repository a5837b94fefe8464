import { formatDateTime, formatRupiah, localDate } from './message-format';

describe('message formatting', () => {
  it('writes rupiah the Indonesian way, with a no-break space after Rp and dots between thousands', () => {
    expect(formatRupiah(1_500_000)).toBe('Rp\u00a01.500.000');
    expect(formatRupiah(0)).toBe('Rp\u00a00');
    expect(formatRupiah(999)).toBe('Rp\u00a0999');
    expect(formatRupiah(Number.MAX_SAFE_INTEGER)).toBe('Rp\u00a09.007.199.254.740.991');
  });

  it('refuses amounts that are not whole rupiah', () => {
    expect(() => formatRupiah(1.5)).toThrow(RangeError);
  });

  it('writes a moment in the regency’s time zone in both languages', () => {
    const at = '2026-03-12T07:30:00Z';
    expect(formatDateTime(at, 'id', 'Asia/Jakarta')).toBe('12 Maret 2026 pukul 14.30 WIB');
    expect(formatDateTime(at, 'en', 'Asia/Jakarta')).toBe('12 March 2026 at 14.30 WIB');
    expect(formatDateTime(at, 'id', 'Asia/Makassar')).toBe('12 Maret 2026 pukul 15.30 WITA');
  });

  it('takes the local calendar day, which starts seven hours before UTC’s in Jakarta', () => {
    expect(localDate(new Date('2026-03-12T16:59:00Z'), 'Asia/Jakarta')).toBe('2026-03-12');
    expect(localDate(new Date('2026-03-12T17:00:00Z'), 'Asia/Jakarta')).toBe('2026-03-13');
  });
});
