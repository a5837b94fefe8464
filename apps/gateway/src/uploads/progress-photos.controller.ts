import {
  Controller,
  Get,
  Header,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Actor } from '@alur/contracts';
import { RegionDirectory } from '@alur/regions';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { validationFailed } from '../http/validation';
import { contentMatches, MAX_PHOTO_BYTES, PHOTO_CONTENT_TYPES, PHOTO_PATH } from './progress-photo';

interface PhotoFile {
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/**
 * Photos for progress reports: a BKM uploads them here (multipart field `file`) and puts the
 * returned `url` in its report. A photo is seen by whoever may see its village's proposals.
 */
@ApiTags('uploads')
@ApiBearerAuth()
@Controller('api/v1/uploads/photos')
export class ProgressPhotosController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionDirectory,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('BKM')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  // Larger files are refused by multer with 413 before they are read into memory.
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_PHOTO_BYTES, files: 1 } }))
  async upload(@CurrentActor() actor: Actor, @UploadedFile() file: PhotoFile | undefined) {
    if (!file || file.size === 0) throw validationFailed([{ field: 'file', reason: 'a photo file is required' }]);
    if (!(PHOTO_CONTENT_TYPES as readonly string[]).includes(file.mimetype) || !contentMatches(file.mimetype, file.buffer)) {
      throw validationFailed([{ field: 'file', reason: `must be a JPEG, PNG or WebP photo` }]);
    }
    const [row] = (await this.dataSource.query(
      `INSERT INTO progress_photo (uploaded_by, region_code, content_type, size_bytes, data)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [actor.userId, actor.regionCode, file.mimetype, file.size, file.buffer],
    )) as Array<{ id: string }>;
    return { id: row.id, url: `${PHOTO_PATH}/${row.id}`, contentType: file.mimetype, size: file.size };
  }

  @Get(':id')
  @Header('cache-control', 'private, max-age=86400, immutable')
  async read(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<StreamableFile> {
    const [photo] = (await this.dataSource.query(
      'SELECT region_code, content_type, data FROM progress_photo WHERE id = $1',
      [id],
    )) as Array<{ region_code: string; content_type: string; data: Buffer }>;
    // Outside the caller's region the photo does not exist for them, as with proposals.
    if (!photo || !this.regions.covers(actor.regionCode, photo.region_code)) throw new NotFoundException(`Photo ${id} not found`);
    return new StreamableFile(photo.data, { type: photo.content_type, length: photo.data.length });
  }
}
