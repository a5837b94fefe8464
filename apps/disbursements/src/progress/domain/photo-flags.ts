import type { PhotoCapture, PhotoCheck, PhotoFlag } from '@alur/contracts';

export { PHOTO_FLAGS, type PhotoCheck, type PhotoFlag } from '@alur/contracts';
export const WARNING_FLAGS: readonly PhotoFlag[] = ['FAR_FROM_VILLAGE', 'TAKEN_LONG_BEFORE'];

export interface PhotoFlagLimits {
  maxDistanceKm: number;
  maxAgeDays: number;
}

const DAY_MS = 24 * 3600_000;
const EARTH_RADIUS_KM = 6371.0088;

/** Checks one photo's EXIF capture against its village's location and the report's time. */
export function checkPhoto(
  capture: PhotoCapture | undefined,
  village: { latitude: number; longitude: number } | null,
  reportedAt: Date,
  limits: PhotoFlagLimits,
): PhotoCheck {
  const flags: PhotoFlag[] = [];
  let distanceKm: number | null = null;
  if (capture?.latitude == null || capture.longitude == null) {
    flags.push('NO_LOCATION');
  } else if (village) {
    distanceKm = Math.round(greatCircleKm(village, { latitude: capture.latitude, longitude: capture.longitude }) * 10) / 10;
    if (distanceKm > limits.maxDistanceKm) flags.push('FAR_FROM_VILLAGE');
  }
  let daysBeforeReport: number | null = null;
  if (!capture?.capturedAt) {
    flags.push('NO_CAPTURE_TIME');
  } else {
    const ageMs = reportedAt.getTime() - new Date(capture.capturedAt).getTime();
    daysBeforeReport = Math.floor(ageMs / DAY_MS);
    if (ageMs > limits.maxAgeDays * DAY_MS) flags.push('TAKEN_LONG_BEFORE');
  }
  return { flags, distanceKm, daysBeforeReport };
}

/** Haversine distance on a sphere of the Earth's mean radius: within 0.5% of the ellipsoid, ample for kilometres. */
function greatCircleKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
