import { Module } from '@nestjs/common';
import { NotificationDeliveriesController } from './notification-deliveries.controller';
import { NotificationsController } from './notifications.controller';

/**
 * The HTTP face of the notifications service: the caller's inbox and preferences, and the delivery
 * log for administrators.
 */
@Module({
  controllers: [NotificationDeliveriesController, NotificationsController],
})
export class NotificationsGatewayModule {}
