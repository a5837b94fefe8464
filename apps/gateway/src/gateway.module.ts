import { Module } from '@nestjs/common';
import { RpcClient } from '@alur/messaging';
import { ServiceCoreModule } from '@alur/platform';
import { SystemStatusController } from './system/system-status.controller';

@Module({
  imports: [ServiceCoreModule.forService('gateway')],
  controllers: [SystemStatusController],
  providers: [RpcClient],
})
export class GatewayModule {}
