import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import { APP_ENV, BaseEnv } from '@alur/config';
import { Actor, InvalidInputError, NotFoundError, RefusalCode } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { RegionDirectory } from '@alur/regions';
import { SecurityAudit } from '../audit/security-audit.service';
import { captureView, PhotoCapture, readPhotoCapture } from './photo-capture';
import { StoredFile, UploadedFileRepository } from './uploaded-file.repository';
import { contentMatches, UPLOAD_KINDS, UploadKind } from './uploaded-file-kinds';

/** A field of a request that refers to an uploaded file by its url (`documents.0.url`). */
export interface UploadReference {
  field: string;
  kind: UploadKind;
  url: string;
}

export interface ReceivedFile {
  mimetype: string;
  originalname: string;
  size: number;
  buffer: Buffer;
}

/**
 * Files people attach, kept in the gateway's own schema. A file belongs to its uploader's village
 * and is seen by whoever may see that village's proposals; to anyone else it does not exist.
 */
@Injectable()
export class UploadedFiles {
  constructor(
    private readonly transactions: Transactions,
    private readonly uploads: UploadedFileRepository,
    private readonly regions: RegionDirectory,
    private readonly audit: SecurityAudit,
    @Inject(APP_ENV) private readonly env: BaseEnv,
  ) {}

  async store(kind: UploadKind, actor: Actor, file: ReceivedFile | undefined) {
    const rules = UPLOAD_KINDS[kind];
    if (!file || file.size === 0)
      throw new InvalidInputError([{ field: 'file', reason: 'a file is required', code: RefusalCode.Required }]);
    if (!(rules.contentTypes as readonly string[]).includes(file.mimetype) || !contentMatches(file.mimetype, file.buffer)) {
      throw new InvalidInputError([{ field: 'file', reason: rules.refusal, code: RefusalCode.UnsupportedFile }]);
    }
    const fileName = file.originalname.slice(0, 200);
    // A photo keeps when and where the phone took it, for the verifier to compare with the village and the report.
    const capture: PhotoCapture | null = kind === 'photo' ? await readPhotoCapture(file.buffer, this.env.TIMEZONE) : null;
    const id = await this.transactions.run(async (tx) => {
      const stored = await this.uploads.add(tx, {
        kind,
        uploadedBy: actor.userId,
        regionCode: actor.regionCode,
        contentType: file.mimetype,
        sizeBytes: file.size,
        data: file.buffer,
        fileName,
        capture,
      });
      const after = { kind, contentType: file.mimetype, size: file.size, fileName, regionCode: actor.regionCode };
      await this.audit.record({ actor, action: 'upload.stored', entityType: 'uploaded_file', entityId: stored, after }, tx);
      return stored;
    });
    const stored = { id, url: `${rules.path}/${id}`, name: fileName, contentType: file.mimetype, size: file.size };
    return capture ? { ...stored, capture: captureView(capture) } : stored;
  }

  async read(kind: UploadKind, actor: Actor, id: string): Promise<StreamableFile> {
    const file = await this.uploads.find(this.transactions.manager, kind, id);
    if (!file || !this.regions.covers(actor.regionCode, file.regionCode)) throw new NotFoundError(`File ${id} not found`);
    return streamOf(file, id);
  }

  /** A file the caller has established is published (a photo of an accepted progress report), for anyone. */
  async readPublished(kind: UploadKind, id: string): Promise<StreamableFile> {
    const file = await this.uploads.find(this.transactions.manager, kind, id);
    if (!file) throw new NotFoundError(`File ${id} not found`);
    return streamOf(file, id);
  }

  /**
   * A proposal or report may refer only to files its own village uploaded: a reference to another
   * village's file (which its reader would not even be shown) is refused, naming the field. Other
   * addresses (an https photo elsewhere) are not uploads and pass.
   */
  async requireOwn(actor: Actor, references: UploadReference[]): Promise<void> {
    const referenced = references
      .map((reference) => ({ ...reference, id: uploadIdOf(reference) }))
      .filter((reference): reference is UploadReference & { id: string } => reference.id !== undefined);
    if (!referenced.length) return;
    const found = await this.uploads.ownershipOf(
      this.transactions.manager,
      referenced.map((u) => u.id),
    );
    const owned = new Set(found.filter((upload) => upload.regionCode === actor.regionCode).map((upload) => `${upload.kind}/${upload.id}`));
    const foreign = referenced.filter((u) => !owned.has(`${u.kind}/${u.id}`));
    if (foreign.length) {
      throw new InvalidInputError(
        foreign.map(({ field }) => ({ field, reason: 'must be a file uploaded by your own village', code: RefusalCode.UploadNotOwn })),
      );
    }
  }
}

function streamOf(file: StoredFile, id: string): StreamableFile {
  return new StreamableFile(file.data, {
    type: file.contentType,
    length: file.data.length,
    disposition: `inline; filename*=UTF-8''${encodeURIComponent(file.fileName || id)}`,
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function uploadIdOf({ kind, url }: UploadReference): string | undefined {
  const prefix = `${UPLOAD_KINDS[kind].path}/`;
  const id = url.startsWith(prefix) ? url.slice(prefix.length) : undefined;
  return id && UUID.test(id) ? id : undefined;
}
