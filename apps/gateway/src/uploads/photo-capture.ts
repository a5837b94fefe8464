import { parse as parseExif } from 'exifr';
import { fromLocal, type PhotoCapture as PhotoCaptureView } from '@alur/contracts';

/** When and where a photo was taken, as the phone recorded it in EXIF; null where it recorded nothing. */
export interface PhotoCapture {
  capturedAt: Date | null;
  latitude: number | null;
  longitude: number | null;
}

const NOTHING: PhotoCapture = { capturedAt: null, latitude: null, longitude: null };
const EXIF_TIME = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const OFFSET = /^([+-])(\d{2}):(\d{2})$/;

/**
 * Reads the capture time (DateTimeOriginal) and GPS position of a photo with exifr. EXIF keeps the
 * phone's wall-clock time; its offset (OffsetTimeOriginal) where the phone wrote one, otherwise the
 * regency's `timeZone`, turns it into an instant. A photo without EXIF, or with unreadable EXIF, has
 * no capture data: that is for the verifier to weigh, not a reason to refuse the upload.
 */
export async function readPhotoCapture(data: Buffer, timeZone: string): Promise<PhotoCapture> {
  let tags: Record<string, unknown> | undefined;
  try {
    tags = await parseExif(data, {
      gps: true,
      reviveValues: false,
      pick: ['DateTimeOriginal', 'OffsetTimeOriginal', 'GPSLatitude', 'GPSLatitudeRef', 'GPSLongitude', 'GPSLongitudeRef'],
    });
  } catch {
    return NOTHING;
  }
  if (!tags) return NOTHING;
  const { latitude, longitude } = tags as { latitude?: unknown; longitude?: unknown };
  const position =
    isCoordinate(latitude, 90) && isCoordinate(longitude, 180) && !(latitude === 0 && longitude === 0)
      ? { latitude, longitude }
      : { latitude: null, longitude: null };
  return { capturedAt: instantOf(tags.DateTimeOriginal, tags.OffsetTimeOriginal, timeZone), ...position };
}

/** As the API and the services see it: the time as ISO 8601. */
export function captureView(capture: PhotoCapture): PhotoCaptureView {
  return { capturedAt: capture.capturedAt?.toISOString() ?? null, latitude: capture.latitude, longitude: capture.longitude };
}

function isCoordinate(value: unknown, limit: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= limit;
}

function instantOf(wallClock: unknown, offset: unknown, timeZone: string): Date | null {
  const match = typeof wallClock === 'string' ? EXIF_TIME.exec(wallClock.trim()) : null;
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  if (Number.isNaN(asUtc) || year < 1990) return null;
  const explicit = typeof offset === 'string' ? OFFSET.exec(offset.trim()) : null;
  if (!explicit) return fromLocal({ year, month, day, hour, minute, second, millisecond: 0 }, timeZone);
  const offsetMs = (explicit[1] === '-' ? -1 : 1) * (Number(explicit[2]) * 60 + Number(explicit[3])) * 60_000;
  return new Date(asUtc - offsetMs);
}
