import { durationText, durationUnitOf } from './duration';

describe('durations as people read them', () => {
  it('writes minutes under an hour, hours under a day and days beyond, in the reader’s language', () => {
    expect(durationText(12, 'id')).toBe('12 menit');
    expect(durationText(150, 'id')).toBe('2,5 jam');
    expect(durationText(36 * 60, 'id')).toBe('1,5 hari');
    expect(durationText(150, 'en')).toBe('2.5 hours');
    expect(durationText(60, 'en')).toBe('1 hour');
  });

  it('says a decision within the minute took less than one, not nothing', () => {
    expect(durationText(0, 'id')).toBe('< 1 menit');
    expect(durationText(0, 'en')).toBe('< 1 minute');
  });

  it('chooses the unit by size', () => {
    expect([59, 60, 1439, 1440].map(durationUnitOf)).toEqual(['minute', 'hour', 'hour', 'day']);
  });
});
