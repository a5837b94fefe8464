import { Module } from '@nestjs/common';
import { RegionsModule } from '@alur/regions';
import { ProgressPhotosController } from './progress-photos.controller';

/** Files people attach: the photos of progress reports. */
@Module({ imports: [RegionsModule], controllers: [ProgressPhotosController] })
export class UploadsModule {}
