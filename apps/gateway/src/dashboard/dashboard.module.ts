import { Module } from '@nestjs/common';
import { RpcClient } from '@alur/messaging';
import { RegionsModule } from '@alur/regions';
import { DashboardController } from './dashboard.controller';

/** The regency officials' dashboard. Its own RpcClient, since the root module's is not visible to imported modules. */
@Module({
  imports: [RegionsModule],
  controllers: [DashboardController],
  providers: [RpcClient],
})
export class DashboardModule {}
