import { Injectable, PipeTransform } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { Actor } from '@alur/contracts';
import { CLS_ACTOR } from '@alur/observability';
import { UploadKind } from './uploaded-file-kinds';
import { UploadedFiles, UploadReference } from './uploaded-files.service';

/** The body fields that refer to uploads: a proposal's documents and a progress report's photos. */
const REFERENCE_FIELDS: Array<[field: string, kind: UploadKind]> = [
  ['documents', 'document'],
  ['photos', 'photo'],
];

/**
 * For `@Body(OwnUploadsPipe)`, after validation: every upload the body refers to must be the
 * caller's village's own (400 naming the field otherwise), before the request goes to a service.
 */
@Injectable()
export class OwnUploadsPipe implements PipeTransform {
  constructor(
    private readonly files: UploadedFiles,
    private readonly cls: ClsService,
  ) {}

  async transform<T>(body: T): Promise<T> {
    const references: UploadReference[] = [];
    for (const [field, kind] of REFERENCE_FIELDS) {
      const list = (body as Record<string, unknown> | undefined)?.[field];
      if (!Array.isArray(list)) continue;
      list.forEach((item: { url?: unknown }, index) => {
        if (typeof item?.url === 'string') references.push({ field: `${field}.${index}.url`, kind, url: item.url });
      });
    }
    await this.files.requireOwn(this.cls.get<Actor>(CLS_ACTOR), references);
    return body;
  }
}
