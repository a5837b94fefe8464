import { instantOfLocalField, localFieldValue, REGENCY_TIME_ZONE, REGENCY_ZONE_NAME, zoneName } from './regency-time';

describe('the regency’s time in the console', () => {
  it('is WIB where the page names no zone', () => {
    expect(REGENCY_TIME_ZONE).toBe('Asia/Jakarta');
    expect(REGENCY_ZONE_NAME).toBe('WIB');
  });

  it('names the zone as people there do', () => {
    expect(zoneName('Asia/Makassar')).toBe('WITA');
    expect(zoneName('Asia/Jayapura')).toBe('WIT');
  });

  it('reads a datetime-local field on the regency’s clock, and writes one back the same', () => {
    expect(instantOfLocalField('2030-01-06T08:00')).toBe('2030-01-06T01:00:00.000Z');
    expect(instantOfLocalField('2030-01-06T08:00', 'Asia/Makassar')).toBe('2030-01-06T00:00:00.000Z');
    expect(localFieldValue('2030-01-06T00:00:00.000Z', 'Asia/Makassar')).toBe('2030-01-06T08:00');
    expect(localFieldValue(new Date('2030-01-05T17:00:00Z'))).toBe('2030-01-06T00:00');
  });

  it('leaves an empty field empty and passes anything else on for the API to refuse by name', () => {
    expect(instantOfLocalField('')).toBe('');
    expect(instantOfLocalField('besok pagi')).toBe('besok pagi');
  });
});
