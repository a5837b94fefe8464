import { Module } from '@nestjs/common';
import { RegionsModule } from '@alur/regions';
import { UploadsModule } from '../uploads/uploads.module';
import { TransparencyController } from './transparency.controller';

/** The public transparency report, with the accepted progress of each funded proposal and its photos. */
@Module({
  imports: [RegionsModule, UploadsModule],
  controllers: [TransparencyController],
})
export class TransparencyModule {}
