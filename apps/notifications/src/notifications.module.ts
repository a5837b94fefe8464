import { Module } from '@nestjs/common';
import { ServiceCoreModule, systemPingController } from '@alur/platform';

@Module({
  imports: [ServiceCoreModule.forService('notifications', { usesRedis: true })],
  controllers: [systemPingController('notifications')],
})
export class NotificationsModule {}
