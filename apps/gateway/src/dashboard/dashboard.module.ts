import { Module } from '@nestjs/common';
import { RegionsModule } from '@alur/regions';
import { DashboardController } from './dashboard.controller';

/** The regency officials' dashboard. */
@Module({
  imports: [RegionsModule],
  controllers: [DashboardController],
})
export class DashboardModule {}
