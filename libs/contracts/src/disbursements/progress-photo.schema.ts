import { z } from 'zod';

/**
 * How a progress report refers to a photo of the works: the address of a photo uploaded to the
 * gateway (`/api/v1/uploads/photos/<id>`), or an https address where the regency keeps its files.
 */
export const PHOTO_REFERENCE = /^(https:\/\/\S+|\/api\/v1\/uploads\/photos\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** When and where an uploaded photo was taken, from its EXIF; null where the phone recorded nothing. */
export const PhotoCaptureSchema = z.object({
  capturedAt: z.iso.datetime({ offset: true }).nullable(),
  latitude: z.number().min(-90).max(90).nullable(),
  longitude: z.number().min(-180).max(180).nullable(),
});
export type PhotoCapture = z.infer<typeof PhotoCaptureSchema>;

export const ProgressPhotoSchema = z.object({
  url: z.string().max(2048).regex(PHOTO_REFERENCE, 'must be an https URL or the url of an uploaded photo'),
  caption: z.string().max(200).optional(),
  /** Added by the gateway from the upload it keeps (never taken from the BKM's request); absent for an https photo elsewhere. */
  capture: PhotoCaptureSchema.optional(),
});
