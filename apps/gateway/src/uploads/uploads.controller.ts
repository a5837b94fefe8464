import { Controller, Get, Header, HttpCode, Post, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { Actor } from '@alur/contracts';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ContractInput } from '../http/contract-input';
import { IdPath } from '../http/id-path';
import { IdempotentRoute } from '../http/idempotency-key.interceptor';
import { Roles } from '../auth/roles.decorator';
import { UPLOAD_KINDS } from './uploaded-file-kinds';
import { ReceivedFile, UploadedFiles } from './uploaded-files.service';

const FILE_BODY = { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } };
const CACHE = 'private, max-age=86400, immutable';

/**
 * A BKM uploads photos for its progress reports and documents (DED, RAB) for its proposals, in the
 * multipart field `file`, and refers to them by the `url` it gets back. Larger files are refused with
 * 413 by multer before they are read into memory.
 */
@ApiTags('uploads')
@ApiBearerAuth()
@Controller('api/v1/uploads')
export class UploadsController {
  constructor(private readonly files: UploadedFiles) {}

  @Post('photos')
  @HttpCode(201)
  @Roles('BKM')
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: UPLOAD_KINDS.photo.maxBytes, files: 1 } }), IdempotentRoute)
  uploadPhoto(@CurrentActor() actor: Actor, @UploadedFile() file: ReceivedFile | undefined) {
    return this.files.store('photo', actor, file);
  }

  @Get('photos/:id')
  @Header('cache-control', CACHE)
  readPhoto(
    @CurrentActor() actor: Actor,
    @ContractInput(null, { from: 'path', params: ['id'], schema: IdPath }) { id }: IdPath,
  ): Promise<StreamableFile> {
    return this.files.read('photo', actor, id);
  }

  @Post('documents')
  @HttpCode(201)
  @Roles('BKM')
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: UPLOAD_KINDS.document.maxBytes, files: 1 } }), IdempotentRoute)
  uploadDocument(@CurrentActor() actor: Actor, @UploadedFile() file: ReceivedFile | undefined) {
    return this.files.store('document', actor, file);
  }

  @Get('documents/:id')
  @Header('cache-control', CACHE)
  readDocument(
    @CurrentActor() actor: Actor,
    @ContractInput(null, { from: 'path', params: ['id'], schema: IdPath }) { id }: IdPath,
  ): Promise<StreamableFile> {
    return this.files.read('document', actor, id);
  }
}
