import { hundredthsToQuantity } from '@alur/contracts';
import { formatShareBp, parseQuantity, summariseBudget } from './budget';

const row = (quantity: string, unitPrice: string) => ({ description: 'x', quantity, unit: 'm', unitPrice });
const KOTAKU = { maxRequestedAmount: 500_000_000, minSelfHelpShareBp: 500 };

describe('RAB totals', () => {
  it('reads quantities with a decimal comma or point, at most two decimals', () => {
    expect(parseQuantity('12,5')).toBe(1250);
    expect(parseQuantity('12.05')).toBe(1205);
    expect(parseQuantity('3')).toBe(300);
    expect(parseQuantity('1.000')).toBeUndefined();
    expect(parseQuantity('0')).toBeUndefined();
    expect(parseQuantity('-2')).toBeUndefined();
    expect(hundredthsToQuantity(1250)).toBe(12.5);
    expect(hundredthsToQuantity(7)).toBe(0.07);
  });

  it('totals the lines, each rounded half up to whole rupiah, without floating-point drift', () => {
    // 0.1 × 3 and 0.2 × 3 would drift in floating point; 33.33 × 3 = 99.99 → 100.
    const summary = summariseBudget([row('0,1', '3'), row('0,2', '3'), row('33,33', '3'), row('400', '250.000')], '0');
    expect(summary.rows.map((r) => r.amount)).toEqual([0, 1, 100, 100_000_000]);
    expect(summary.total).toBe(100_000_101);
  });

  it('counts an unfinished line as nothing rather than failing the whole table', () => {
    const summary = summariseBudget([row('', '5000'), row('2', 'lima')], '0');
    expect(summary.total).toBe(0);
    expect(summary.rows[0].amount).toBeUndefined();
  });
});

describe('swadaya share against the programme', () => {
  it('computes the share in basis points rounded down, as the server does', () => {
    const summary = summariseBudget([row('1', '210.000.000')], '10.499.999', KOTAKU);
    expect(summary.selfHelpShareBp).toBe(499);
    expect(summary.shareMet).toBe(false);
    expect(summary.requestedAmount).toBe(199_500_001);
    expect(summariseBudget([row('1', '210.000.000')], '10.500.000', KOTAKU).shareMet).toBe(true);
  });

  it('flags a requested amount over the programme maximum and swadaya above the total', () => {
    expect(summariseBudget([row('1', '600.000.000')], '30.000.000', KOTAKU).withinMaximum).toBe(false);
    expect(summariseBudget([row('1', '1.000')], '2.000', KOTAKU).swadayaExceedsTotal).toBe(true);
  });

  it('writes shares with a decimal comma', () => {
    expect(formatShareBp(500)).toBe('5%');
    expect(formatShareBp(525)).toBe('5,25%');
    expect(formatShareBp(499)).toBe('4,99%');
    expect(formatShareBp(1050)).toBe('10,5%');
  });
});
