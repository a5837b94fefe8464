import { Module } from '@nestjs/common';
import { ServiceCoreModule, systemPingController } from '@alur/platform';

@Module({
  imports: [ServiceCoreModule.forService('proposals', { usesRedis: false })],
  controllers: [systemPingController('proposals')],
})
export class ProposalsModule {}
