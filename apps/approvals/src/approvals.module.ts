import { Module } from '@nestjs/common';
import { ServiceCoreModule, systemPingController } from '@alur/platform';

@Module({
  imports: [ServiceCoreModule.forService('approvals', { usesRedis: true })],
  controllers: [systemPingController('approvals')],
})
export class ApprovalsModule {}
