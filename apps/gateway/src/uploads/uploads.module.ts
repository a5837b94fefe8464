import { Module } from '@nestjs/common';
import { RegionsModule } from '@alur/regions';
import { GatewayPersistenceModule } from '../database/gateway-persistence.module';
import { OwnUploadsPipe } from './own-uploads.pipe';
import { PhotoCaptures } from './photo-captures.service';
import { UploadedFiles } from './uploaded-files.service';
import { UploadsController } from './uploads.controller';

/** Files people attach: photos of progress reports and documents of proposals. */
@Module({
  imports: [RegionsModule, GatewayPersistenceModule],
  controllers: [UploadsController],
  providers: [UploadedFiles, OwnUploadsPipe, PhotoCaptures],
  exports: [UploadedFiles, OwnUploadsPipe, PhotoCaptures],
})
export class UploadsModule {}
