/** Image types a phone camera produces that browsers show; anything else is refused. */
export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** A phone photo, compressed as phones do, fits well below this. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
/** Where an uploaded photo is read back: the address a progress report refers to. */
export const PHOTO_PATH = '/api/v1/uploads/photos';

/** The magic bytes of each accepted type: the declared type must match the file's content. */
export function contentMatches(contentType: string, data: Buffer): boolean {
  switch (contentType) {
    case 'image/jpeg':
      return data.length > 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff;
    case 'image/png':
      return data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    case 'image/webp':
      return data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WEBP';
    default:
      return false;
  }
}
