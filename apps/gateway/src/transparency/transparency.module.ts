import { Module } from '@nestjs/common';
import { RegionsModule } from '@alur/regions';
import { TransparencyController } from './transparency.controller';

/** The public transparency report. */
@Module({
  imports: [RegionsModule],
  controllers: [TransparencyController],
})
export class TransparencyModule {}
