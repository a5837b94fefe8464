import { TINY_PNG } from '@alur/testing';
import { jpegWithExif, TINY_JPEG } from '../../../../test/disbursements/jpeg-with-exif';
import { readPhotoCapture } from './photo-capture';

describe('reading when and where a photo was taken (EXIF, with exifr)', () => {
  it('reads the GPS position and takes the phone’s wall-clock time in the regency’s zone', async () => {
    const photo = jpegWithExif({ dateTimeOriginal: '2026:11:20 09:30:00', latitude: 1.2667, longitude: 101.2 });
    const capture = await readPhotoCapture(photo, 'Asia/Jakarta');
    expect(capture.capturedAt?.toISOString()).toBe('2026-11-20T02:30:00.000Z');
    expect(capture.latitude).toBeCloseTo(1.2667, 4);
    expect(capture.longitude).toBeCloseTo(101.2, 4);
    // The same wall-clock time in Makassar (WITA, UTC+8) is an hour earlier.
    expect((await readPhotoCapture(photo, 'Asia/Makassar')).capturedAt?.toISOString()).toBe('2026-11-20T01:30:00.000Z');
  });

  it('reads southern and western positions with their sign', async () => {
    const capture = await readPhotoCapture(jpegWithExif({ latitude: -6.2, longitude: -0.5 }), 'Asia/Jakarta');
    expect([capture.capturedAt, capture.latitude, capture.longitude]).toEqual([null, -6.2, -0.5]);
  });

  it('finds nothing, without failing, in a photo without EXIF or in bytes that are no photo at all', async () => {
    const nothing = { capturedAt: null, latitude: null, longitude: null };
    expect(await readPhotoCapture(TINY_JPEG, 'Asia/Jakarta')).toEqual(nothing);
    expect(await readPhotoCapture(TINY_PNG, 'Asia/Jakarta')).toEqual(nothing);
    expect(await readPhotoCapture(Buffer.from('not a photo'), 'Asia/Jakarta')).toEqual(nothing);
  });

  it('ignores an unset capture time (zeros) and a GPS position of 0,0 that some phones write before a fix', async () => {
    const capture = await readPhotoCapture(
      jpegWithExif({ dateTimeOriginal: '0000:00:00 00:00:00', latitude: 0, longitude: 0 }),
      'Asia/Jakarta',
    );
    expect(capture).toEqual({ capturedAt: null, latitude: null, longitude: null });
  });
});
