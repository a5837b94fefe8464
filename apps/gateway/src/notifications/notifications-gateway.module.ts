import { Module } from '@nestjs/common';
import { RpcClient } from '@alur/messaging';
import { NotificationDeliveriesController } from './notification-deliveries.controller';
import { NotificationsController } from './notifications.controller';

/**
 * The HTTP face of the notifications service: the caller's inbox and preferences, and the delivery
 * log for administrators. Its own RpcClient, since the root module's is not visible to imported modules.
 */
@Module({
  controllers: [NotificationDeliveriesController, NotificationsController],
  providers: [RpcClient],
})
export class NotificationsGatewayModule {}
