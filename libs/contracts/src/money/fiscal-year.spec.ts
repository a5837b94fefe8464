import { fiscalYearAt } from './fiscal-year';

describe('fiscalYearAt', () => {
  it('reads the year in the regency time zone, where the new year starts seven hours before UTC', () => {
    expect(fiscalYearAt(new Date('2026-12-31T16:59:59Z'))).toBe(2026);
    expect(fiscalYearAt(new Date('2026-12-31T17:00:00Z'))).toBe(2027);
    expect(fiscalYearAt(new Date('2026-12-31T17:00:00Z'), 'Asia/Jayapura')).toBe(2027);
    expect(fiscalYearAt(new Date('2026-12-31T14:00:00Z'), 'Asia/Jayapura')).toBe(2026);
  });
});
