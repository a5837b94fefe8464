import { checkPhoto } from './photo-flags';

const DURI = { latitude: 1.2667, longitude: 101.2 };
const limits = { maxDistanceKm: 25, maxAgeDays: 30 };
const reportedAt = new Date('2026-11-20T03:00:00Z');
const capture = (capturedAt: string | null, latitude: number | null, longitude: number | null) => ({ capturedAt, latitude, longitude });

describe('flags on a progress photo for the verifier', () => {
  it('raises nothing for a photo taken in the kecamatan a few days before the report', () => {
    expect(checkPhoto(capture('2026-11-17T02:00:00.000Z', 1.29, 101.23), DURI, reportedAt, limits)).toEqual({
      flags: [],
      distanceKm: 4.2,
      daysBeforeReport: 3,
    });
  });

  it('flags a photo taken far from the village: Pekanbaru is about 90 km from Duri', () => {
    const check = checkPhoto(capture('2026-11-19T02:00:00.000Z', 0.5071, 101.4478), DURI, reportedAt, limits);
    expect(check.flags).toEqual(['FAR_FROM_VILLAGE']);
    expect(check.distanceKm).toBeGreaterThan(85);
    expect(check.distanceKm).toBeLessThan(95);
  });

  it('flags at the limits only beyond them: 25 km and 30 days are still accepted', () => {
    // 0.2248° of latitude is 25.0 km.
    expect(checkPhoto(capture('2026-10-21T03:00:00.000Z', DURI.latitude + 0.2248, DURI.longitude), DURI, reportedAt, limits).flags).toEqual(
      [],
    );
    expect(checkPhoto(capture('2026-10-21T02:59:59.000Z', DURI.latitude + 0.2258, DURI.longitude), DURI, reportedAt, limits).flags).toEqual(
      ['FAR_FROM_VILLAGE', 'TAKEN_LONG_BEFORE'],
    );
  });

  it('flags a photo taken long before the report, even in the village', () => {
    expect(checkPhoto(capture('2025-11-20T03:00:00.000Z', 1.27, 101.2), DURI, reportedAt, limits)).toMatchObject({
      flags: ['TAKEN_LONG_BEFORE'],
      daysBeforeReport: 365,
    });
  });

  it('only notes a photo without EXIF (or an https photo kept elsewhere): no location, no capture time', () => {
    expect(checkPhoto(undefined, DURI, reportedAt, limits)).toEqual({
      flags: ['NO_LOCATION', 'NO_CAPTURE_TIME'],
      distanceKm: null,
      daysBeforeReport: null,
    });
    expect(checkPhoto(capture('2026-11-19T02:00:00.000Z', null, null), DURI, reportedAt, limits).flags).toEqual(['NO_LOCATION']);
  });

  it('judges no distance where the village’s location is unknown', () => {
    expect(checkPhoto(capture('2026-11-19T02:00:00.000Z', -6.2, 106.8), null, reportedAt, limits)).toEqual({
      flags: [],
      distanceKm: null,
      daysBeforeReport: 1,
    });
  });
});
