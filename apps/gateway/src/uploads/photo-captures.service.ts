import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProgressPhotoSchema } from '@alur/contracts';
import { z } from 'zod';
import { captureView } from './photo-capture';
import { UPLOAD_KINDS } from './uploaded-file-kinds';

type ProgressPhoto = z.infer<typeof ProgressPhotoSchema>;

/**
 * The gateway keeps the uploads, so it adds to a report's photos the EXIF capture it read at upload
 * (the disbursements service flags them against the village and the report). Only from its own
 * table: whatever a request says about a photo's capture is never taken.
 */
@Injectable()
export class PhotoCaptures {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async attachTo<T extends { photos?: ProgressPhoto[] }>(body: T): Promise<T> {
    const prefix = `${UPLOAD_KINDS.photo.path}/`;
    const ids = (body.photos ?? []).filter((p) => p.url.startsWith(prefix)).map((p) => p.url.slice(prefix.length));
    if (!ids.length) return body;
    const rows = (await this.dataSource.query(
      `SELECT id, captured_at, latitude, longitude FROM uploaded_file WHERE kind = 'photo' AND id = ANY($1::uuid[])`,
      [ids],
    )) as Array<{ id: string; captured_at: Date | null; latitude: number | null; longitude: number | null }>;
    const byId = new Map(
      rows.map((row) => [row.id, captureView({ capturedAt: row.captured_at, latitude: row.latitude, longitude: row.longitude })]),
    );
    const photos = body.photos!.map(({ url, caption }) => {
      const capture = url.startsWith(prefix) ? byId.get(url.slice(prefix.length)) : undefined;
      return { url, ...(caption !== undefined ? { caption } : {}), ...(capture ? { capture } : {}) };
    });
    return { ...body, photos };
  }
}
