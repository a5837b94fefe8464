/** Test photos: a 1×1 JPEG with the EXIF a phone writes (capture time, GPS), written with piexifjs. */
// piexifjs ships no types; these are the parts used here.
const piexif = require('piexifjs') as {
  dump(exif: Record<string, Record<number, unknown>>): string;
  insert(exifBytes: string, jpegBinary: string): string;
  ExifIFD: { DateTimeOriginal: number };
  GPSIFD: { GPSLatitudeRef: number; GPSLatitude: number; GPSLongitudeRef: number; GPSLongitude: number };
};

/** A 1×1 baseline JPEG without any EXIF (the picture jpegWithExif writes into unless given another). */
export const TINY_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

export interface ExifOf {
  /** The wall-clock time the phone writes, `YYYY:MM:DD HH:MM:SS`. */
  dateTimeOriginal?: string;
  latitude?: number;
  longitude?: number;
}

/** Degrees as EXIF's three rationals (degrees, minutes, hundredths of seconds). */
function rationals(degrees: number): Array<[number, number]> {
  const abs = Math.abs(degrees);
  const whole = Math.floor(abs);
  const minutes = Math.floor((abs - whole) * 60);
  const seconds = Math.round(((abs - whole) * 60 - minutes) * 60 * 100);
  return [
    [whole, 1],
    [minutes, 1],
    [seconds, 100],
  ];
}

export function jpegWithExif(exif: ExifOf, jpeg: Buffer = TINY_JPEG): Buffer {
  const exifIfd: Record<number, unknown> = {};
  if (exif.dateTimeOriginal) exifIfd[piexif.ExifIFD.DateTimeOriginal] = exif.dateTimeOriginal;
  const gps: Record<number, unknown> = {};
  if (exif.latitude !== undefined && exif.longitude !== undefined) {
    gps[piexif.GPSIFD.GPSLatitudeRef] = exif.latitude < 0 ? 'S' : 'N';
    gps[piexif.GPSIFD.GPSLatitude] = rationals(exif.latitude);
    gps[piexif.GPSIFD.GPSLongitudeRef] = exif.longitude < 0 ? 'W' : 'E';
    gps[piexif.GPSIFD.GPSLongitude] = rationals(exif.longitude);
  }
  const bytes = piexif.dump({ '0th': {}, Exif: exifIfd, GPS: gps });
  return Buffer.from(piexif.insert(bytes, jpeg.toString('binary')), 'binary');
}

/** The wall-clock time of `instant` in Western Indonesia (WIB, UTC+7, no summer time), as EXIF writes it. */
export function wibExifTime(instant: Date): string {
  const wib = new Date(instant.getTime() + 7 * 3600_000).toISOString();
  return `${wib.slice(0, 10).replace(/-/g, ':')} ${wib.slice(11, 19)}`;
}
