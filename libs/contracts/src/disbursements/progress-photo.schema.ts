import { z } from 'zod';

/**
 * How a progress report refers to a photo of the works: the address of a photo uploaded to the
 * gateway (`/api/v1/uploads/photos/<id>`), or an https address where the regency keeps its files.
 */
export const PHOTO_REFERENCE = /^(https:\/\/\S+|\/api\/v1\/uploads\/photos\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export const ProgressPhotoSchema = z.object({
  url: z.string().max(2048).regex(PHOTO_REFERENCE, 'must be an https URL or the url of an uploaded photo'),
  caption: z.string().max(200).optional(),
});
