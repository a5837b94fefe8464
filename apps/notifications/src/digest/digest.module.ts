import { Module } from '@nestjs/common';
import { NotificationsPersistenceModule } from '../database/notifications-persistence.module';
import { DeliveryModule } from '../delivery/delivery.module';
import { MessagesModule } from '../messages/messages.module';
import { RunReminderDigestUseCase } from './use-cases/run-reminder-digest.use-case';

/** The daily reminder digest: one message per official a day, on the channels they chose for reminders. */
@Module({
  imports: [NotificationsPersistenceModule, DeliveryModule, MessagesModule],
  providers: [RunReminderDigestUseCase],
  exports: [RunReminderDigestUseCase],
})
export class DigestModule {}
