import { RefusalCode } from '@alur/contracts';
import { computeBudget, lineAmount, quantityToHundredths } from './budget';

const item = (quantity: number, unitPrice: number) => ({ description: 'x', quantity, unit: 'unit', unitPrice });

describe('budget arithmetic', () => {
  it('totals quantity × unit price and takes swadaya off for the requested amount', () => {
    const result = computeBudget([item(100, 75_000), item(12.5, 1_200_000), item(1, 3_500_000)], 2_000_000);
    expect(result).toMatchObject({
      ok: true,
      figures: { budgetTotal: 7_500_000 + 15_000_000 + 3_500_000, selfHelpAmount: 2_000_000, requestedAmount: 24_000_000 },
    });
    expect(result.ok && result.figures.lines.map((l) => l.amount)).toEqual([7_500_000, 15_000_000, 3_500_000]);
  });

  it('reads quantities from their decimal digits, never by float multiplication', () => {
    expect(quantityToHundredths(0.29)).toBe(29); // 0.29 * 100 is 28.999999999999996 in floating point
    expect(quantityToHundredths(12.5)).toBe(1250);
    expect(quantityToHundredths(3)).toBe(300);
    expect(quantityToHundredths(1.005)).toBeUndefined();
    expect(quantityToHundredths(-1)).toBeUndefined();
    expect(quantityToHundredths(1e21)).toBeUndefined();
    expect(quantityToHundredths(Number.NaN)).toBeUndefined();
  });

  it('rounds each line half up to whole rupiah, as a RAB spreadsheet does', () => {
    expect(lineAmount(33, 1001)).toBe(330n); // 330.33
    expect(lineAmount(50, 1001)).toBe(501n); // 500.5
    expect(computeBudget([item(0.33, 1001), item(0.5, 1001)], 0)).toMatchObject({ ok: true, figures: { budgetTotal: 831 } });
  });

  it('stays exact with amounts in the trillions, up to the largest safe integer', () => {
    const big = computeBudget([item(3, 1_000_000_000_000_001), item(1, 7)], 1);
    expect(big).toMatchObject({ ok: true, figures: { budgetTotal: 3_000_000_000_000_010, requestedAmount: 3_000_000_000_000_009 } });
    const edge = computeBudget([item(1, Number.MAX_SAFE_INTEGER)], 0);
    expect(edge).toMatchObject({ ok: true, figures: { budgetTotal: Number.MAX_SAFE_INTEGER } });
  });

  it('refuses a total beyond the largest safe integer rather than losing rupiah', () => {
    expect(computeBudget([item(2, Number.MAX_SAFE_INTEGER)], 0)).toEqual({
      ok: false,
      errors: [{ field: 'budgetItems', reason: expect.stringMatching(/beyond/), code: RefusalCode.TooBig }],
    });
  });

  it('computes the swadaya share in basis points, rounded down', () => {
    const share = (selfHelp: number, total: number) => {
      const result = computeBudget([item(1, total)], selfHelp);
      return result.ok ? result.figures.selfHelpShareBp : undefined;
    };
    expect(share(5_000_000, 100_000_000)).toBe(500);
    expect(share(4_999_999, 100_000_000)).toBe(499);
    expect(share(0, 100_000_000)).toBe(0);
    expect(share(1, 3)).toBe(3333);
    expect(computeBudget([], 0)).toMatchObject({ ok: true, figures: { budgetTotal: 0, selfHelpShareBp: 0 } });
  });

  it('names each bad field: fractional rupiah, bad quantity, swadaya above the total', () => {
    expect(computeBudget([item(1.234, 100), item(1, 99.5)], 10)).toEqual({
      ok: false,
      errors: [
        { field: 'budgetItems.0.quantity', reason: expect.any(String), code: RefusalCode.QuantityInvalid },
        { field: 'budgetItems.1.unitPrice', reason: expect.any(String), code: RefusalCode.WholeRupiah },
      ],
    });
    expect(computeBudget([item(1, 100)], 101)).toEqual({
      ok: false,
      errors: [{ field: 'selfHelpAmount', reason: 'swadaya cannot exceed the budget total', code: RefusalCode.SelfHelpAboveTotal }],
    });
    expect(computeBudget([item(1, 100)], -1)).toMatchObject({ ok: false, errors: [{ field: 'selfHelpAmount' }] });
  });
});
