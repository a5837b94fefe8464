import { Module } from '@nestjs/common';
import { RegionsModule } from '@alur/regions';
import { NotificationsPersistenceModule } from '../database/notifications-persistence.module';
import { DeliveryModule } from '../delivery/delivery.module';
import { MessagesModule } from '../messages/messages.module';
import { NotificationEventHandlers } from './notification-event.handlers';
import { NotifyRecipientsUseCase } from './use-cases/notify-recipients.use-case';

/**
 * The events the service listens to: they keep its directory up to date and tell everyone concerned,
 * in the inbox and on the channels they chose, in the transaction the event's inbox record commits in.
 */
@Module({
  imports: [NotificationsPersistenceModule, DeliveryModule, MessagesModule, RegionsModule],
  providers: [NotifyRecipientsUseCase, NotificationEventHandlers],
})
export class EventsModule {}
