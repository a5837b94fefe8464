import { Module } from '@nestjs/common';
import { RegionsModule as RegionDirectoryModule } from '@alur/regions';
import { RegionsController } from './regions.controller';

/** The region directory as the console reads it. */
@Module({
  imports: [RegionDirectoryModule],
  controllers: [RegionsController],
})
export class RegionsGatewayModule {}
