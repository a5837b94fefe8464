import { Module } from '@nestjs/common';
import { RpcClient } from '@alur/messaging';
import { RegionsModule } from '@alur/regions';
import { TransparencyController } from './transparency.controller';

/** The public transparency report. Its own RpcClient, since the root module's is not visible to imported modules. */
@Module({
  imports: [RegionsModule],
  controllers: [TransparencyController],
  providers: [RpcClient],
})
export class TransparencyModule {}
