/** A photo larger than this on its long side, or heavier than MAX_PHOTO_BYTES, is downscaled on the phone before upload. */
export const MAX_PHOTO_SIDE = 1600;
export const MAX_PHOTO_BYTES = 1024 * 1024;

/**
 * A phone photo made small enough to send over a weak connection: at most MAX_PHOTO_SIDE pixels on its
 * long side and about MAX_PHOTO_BYTES, as JPEG (quality 0.85). The JPEG's EXIF is carried over (without
 * its orientation, which the downscaled pixels already follow), so that the gateway still reads the
 * capture time and GPS position the verifier checks. browser-image-compression is loaded only here, on
 * the upload path, not with the console's first page. Anything that is not a photo, or that comes out
 * no smaller, is sent as chosen.
 */
export async function shrinkPhoto(file: File): Promise<File> {
  if (!/^image\/(jpeg|png|webp)$/.test(file.type)) return file;
  const { default: imageCompression } = await import('browser-image-compression');
  try {
    const shrunk = await imageCompression(file, {
      maxSizeMB: MAX_PHOTO_BYTES / (1024 * 1024),
      maxWidthOrHeight: MAX_PHOTO_SIDE,
      initialQuality: 0.85,
      fileType: 'image/jpeg',
      preserveExif: true,
      // Its worker script would be fetched from a CDN, which the console's CSP (script-src 'self') forbids.
      useWebWorker: false,
    });
    if (shrunk.size >= file.size) return file;
    return new File([shrunk], file.name.replace(/\.(png|webp|jpe?g)$/i, '') + '.jpg', {
      type: 'image/jpeg',
      lastModified: file.lastModified,
    });
  } catch {
    // A photo the browser cannot decode is the gateway's to judge (it answers in the user's language).
    return file;
  }
}
