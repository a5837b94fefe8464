/** What may be uploaded, by kind: photos of the works for progress reports, documents for proposals. */
export const UPLOAD_KINDS = {
  photo: {
    path: '/api/v1/uploads/photos',
    contentTypes: ['image/jpeg', 'image/png', 'image/webp'],
    // A phone photo, compressed as phones do, fits well below this.
    maxBytes: 5 * 1024 * 1024,
    refusal: 'must be a JPEG, PNG or WebP photo',
  },
  document: {
    path: '/api/v1/uploads/documents',
    contentTypes: ['application/pdf', 'image/jpeg', 'image/png'],
    // A scanned DED or RAB of a few pages.
    maxBytes: 10 * 1024 * 1024,
    refusal: 'must be a PDF, JPEG or PNG file',
  },
} as const;
export type UploadKind = keyof typeof UPLOAD_KINDS;

/** The magic bytes of each accepted type: the declared type must match the file's content. */
export function contentMatches(contentType: string, data: Buffer): boolean {
  switch (contentType) {
    case 'image/jpeg':
      return data.length > 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff;
    case 'image/png':
      return data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    case 'image/webp':
      return data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WEBP';
    case 'application/pdf':
      return data.subarray(0, 5).toString('latin1') === '%PDF-';
    default:
      return false;
  }
}
