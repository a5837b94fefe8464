import { PublicProgressReport } from '@alur/contracts';
import { UPLOAD_KINDS } from '../uploads/uploaded-file-kinds';

export interface PublicProgress {
  items: PublicProgressReport[];
}

export const PUBLIC_PHOTO_PATH = '/api/v1/public/transparency/photos';

/**
 * An uploaded photo is read by logged-in users at its upload address; the public reads the photos of
 * accepted reports at the transparency page's own address, which checks that. Photos elsewhere (https) stay as they are.
 */
export function publicProgress(items: PublicProgressReport[]): PublicProgress {
  const uploaded = `${UPLOAD_KINDS.photo.path}/`;
  return {
    items: items.map((report) => ({
      ...report,
      photos: report.photos.map((photo) =>
        photo.url.startsWith(uploaded) ? { ...photo, url: `${PUBLIC_PHOTO_PATH}/${photo.url.slice(uploaded.length)}` } : photo,
      ),
    })),
  };
}
