import { Module } from '@nestjs/common';
import { ServiceCoreModule, systemPingController } from '@alur/platform';

@Module({
  imports: [ServiceCoreModule.forService('disbursements', { usesRedis: false })],
  controllers: [systemPingController('disbursements')],
})
export class DisbursementsModule {}
