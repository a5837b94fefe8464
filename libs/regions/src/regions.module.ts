import { Module } from '@nestjs/common';
import { RegionDirectory } from './region-directory';

/** Provides the process-wide `RegionDirectory`; the official lists are read when the first module asks for it. */
@Module({
  providers: [{ provide: RegionDirectory, useFactory: () => RegionDirectory.shared() }],
  exports: [RegionDirectory],
})
export class RegionsModule {}
