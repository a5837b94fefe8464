import { englishCount } from './english-count';

describe('a count in English', () => {
  it('names one thing in the singular and any other number in the plural', () => {
    expect(englishCount(1, 'tranche')).toBe('1 tranche');
    expect(englishCount(3, 'tranche')).toBe('3 tranches');
    expect(englishCount(0, 'report')).toBe('0 reports');
    expect(englishCount(2, 'day')).toBe('2 days');
    expect(englishCount(1, 'household')).toBe('1 household');
    expect(englishCount(1, 'waiting proposal is', 'waiting proposals are')).toBe('1 waiting proposal is');
    expect(englishCount(5, 'waiting proposal is', 'waiting proposals are')).toBe('5 waiting proposals are');
  });
});
