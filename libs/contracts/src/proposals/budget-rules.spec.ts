import {
  budgetLineAmount,
  budgetTotalOf,
  hundredthsToQuantity,
  quantityTextToHundredths,
  quantityToHundredths,
  selfHelpShareBpOf,
} from './budget-rules';

describe('the RAB arithmetic the service and the console share', () => {
  it('reads quantities from their digits, never by float multiplication', () => {
    expect(quantityToHundredths(0.29)).toBe(29); // 0.29 * 100 is 28.999999999999996
    expect(quantityToHundredths(12.5)).toBe(1250);
    expect(quantityToHundredths(1.005)).toBeUndefined();
    expect(quantityToHundredths(1e21)).toBeUndefined();
    expect(quantityToHundredths(-1)).toBeUndefined();
    expect(quantityTextToHundredths('12.50')).toBe(1250);
    expect(quantityTextToHundredths('012')).toBeUndefined();
    expect(quantityTextToHundredths('90071992547409.92')).toBeUndefined();
    expect(hundredthsToQuantity(1250)).toBe(12.5);
    expect(hundredthsToQuantity(29)).toBe(0.29);
  });

  it('rounds each line half up to whole rupiah and totals the rounded lines', () => {
    expect(budgetLineAmount(33, 1001)).toBe(330n); // 330.33
    expect(budgetLineAmount(50, 1001)).toBe(501n); // 500.5
    expect(
      budgetTotalOf([
        { quantityHundredths: 33, unitPrice: 1001 },
        { quantityHundredths: 50, unitPrice: 1001 },
      ]),
    ).toBe(831n);
    expect(budgetTotalOf([])).toBe(0n);
  });

  it('gives the swadaya share in basis points rounded down, 0 for an empty budget', () => {
    expect(selfHelpShareBpOf(499_999, 10_000_000)).toBe(499); // 4.99999% does not reach 5%
    expect(selfHelpShareBpOf(500_000, 10_000_000)).toBe(500);
    expect(selfHelpShareBpOf(1n, 3n)).toBe(3333);
    expect(selfHelpShareBpOf(0, 0)).toBe(0);
  });
});
