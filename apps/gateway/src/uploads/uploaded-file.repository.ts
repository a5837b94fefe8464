import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { queryRows } from '@alur/database';
import { PhotoCapture } from './photo-capture';
import { UPLOAD_KINDS, UploadKind } from './uploaded-file-kinds';

/** A file as it is served: whose region it belongs to, and its bytes under their type and name. */
export interface StoredFile {
  regionCode: string;
  contentType: string;
  fileName: string;
  data: Buffer;
}

/** A file about to be kept, uploaded by `uploadedBy` for `regionCode`; a photo with what its EXIF says. */
export interface NewUploadedFile {
  kind: UploadKind;
  uploadedBy: string;
  regionCode: string;
  contentType: string;
  sizeBytes: number;
  data: Buffer;
  fileName: string;
  capture: PhotoCapture | null;
}

/** Which kind of upload an id is, and whose region it belongs to. */
export interface UploadOwnership {
  id: string;
  kind: UploadKind;
  regionCode: string;
}

const UPLOAD_KIND = z.enum(Object.keys(UPLOAD_KINDS) as [UploadKind, ...UploadKind[]]);

const IdRow = z.object({ id: z.string() });

const StoredFileRow = z
  .object({ region_code: z.string(), content_type: z.string(), file_name: z.string(), data: z.instanceof(Buffer) })
  .transform((row): StoredFile => ({
    regionCode: row.region_code,
    contentType: row.content_type,
    fileName: row.file_name,
    data: row.data,
  }));

const OwnershipRow = z
  .object({ id: z.string(), kind: UPLOAD_KIND, region_code: z.string() })
  .transform((row): UploadOwnership => ({ id: row.id, kind: row.kind, regionCode: row.region_code }));

const CaptureRow = z
  .object({ id: z.string(), captured_at: z.date().nullable(), latitude: z.number().nullable(), longitude: z.number().nullable() })
  .transform((row): [string, PhotoCapture] => [row.id, { capturedAt: row.captured_at, latitude: row.latitude, longitude: row.longitude }]);

/** The files people attach (uploaded_file), kept in the gateway's own schema: photos of progress reports and proposals' documents. */
@Injectable()
export class UploadedFileRepository {
  /** Keeps the file and gives its id. */
  async add(tx: EntityManager, file: NewUploadedFile): Promise<string> {
    const [{ id }] = await queryRows(
      tx,
      IdRow,
      `INSERT INTO uploaded_file (kind, uploaded_by, region_code, content_type, size_bytes, data, file_name, captured_at, latitude, longitude)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        file.kind,
        file.uploadedBy,
        file.regionCode,
        file.contentType,
        file.sizeBytes,
        file.data,
        file.fileName,
        file.capture?.capturedAt ?? null,
        file.capture?.latitude ?? null,
        file.capture?.longitude ?? null,
      ],
    );
    return id;
  }

  /** The file of this kind with this id, with its bytes. */
  async find(db: EntityManager, kind: UploadKind, id: string): Promise<StoredFile | undefined> {
    const [file] = await queryRows(
      db,
      StoredFileRow,
      'SELECT region_code, content_type, file_name, data FROM uploaded_file WHERE id = $1 AND kind = $2',
      [id, kind],
    );
    return file;
  }

  /** The kind and region of each of these uploads that exists. */
  async ownershipOf(db: EntityManager, ids: readonly string[]): Promise<UploadOwnership[]> {
    return queryRows(db, OwnershipRow, 'SELECT id, kind, region_code FROM uploaded_file WHERE id = ANY($1::uuid[])', [ids]);
  }

  /** When and where each of these photos was taken (as read at upload), by id; other ids are left out. */
  async capturesOf(db: EntityManager, photoIds: readonly string[]): Promise<Map<string, PhotoCapture>> {
    const rows = await queryRows(
      db,
      CaptureRow,
      `SELECT id, captured_at, latitude, longitude FROM uploaded_file WHERE kind = 'photo' AND id = ANY($1::uuid[])`,
      [photoIds],
    );
    return new Map(rows);
  }
}
