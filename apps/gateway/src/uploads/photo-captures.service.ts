import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { ProgressPhotoSchema } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { captureView } from './photo-capture';
import { UploadedFileRepository } from './uploaded-file.repository';
import { UPLOAD_KINDS } from './uploaded-file-kinds';

type ProgressPhoto = z.infer<typeof ProgressPhotoSchema>;

/**
 * The gateway keeps the uploads, so it adds to a report's photos the EXIF capture it read at upload
 * (the disbursements service flags them against the village and the report). Only from its own
 * table: whatever a request says about a photo's capture is never taken.
 */
@Injectable()
export class PhotoCaptures {
  constructor(
    private readonly transactions: Transactions,
    private readonly uploads: UploadedFileRepository,
  ) {}

  async attachTo<T extends { photos?: ProgressPhoto[] }>(body: T): Promise<T> {
    const prefix = `${UPLOAD_KINDS.photo.path}/`;
    const ids = (body.photos ?? []).filter((p) => p.url.startsWith(prefix)).map((p) => p.url.slice(prefix.length));
    if (!ids.length) return body;
    const captures = await this.uploads.capturesOf(this.transactions.manager, ids);
    const photos = body.photos!.map(({ url, caption }) => {
      const capture = url.startsWith(prefix) ? captures.get(url.slice(prefix.length)) : undefined;
      return { url, ...(caption !== undefined ? { caption } : {}), ...(capture ? { capture: captureView(capture) } : {}) };
    });
    return { ...body, photos };
  }
}
