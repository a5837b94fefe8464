import { Module } from '@nestjs/common';
import { AuditModule } from '@alur/audit';
import { JobsModule, NOTIFICATIONS_QUEUE } from '@alur/jobs';
import { NotificationsPersistenceModule } from '../database/notifications-persistence.module';
import { EmailSender } from './channels/email.sender';
import { SmsGatewaySender } from './channels/sms-gateway.sender';
import { DeliveryDispatcher } from './delivery-dispatcher';
import { DELIVERY_FIGURES } from './delivery-figures.providers';
import { DeliveryLogRpcController } from './delivery-log.rpc-controller';
import { DeliveryReconciler } from './delivery-reconciler.service';
import { NotificationQueue } from './notification-queue';
import { DeliverNotificationUseCase } from './use-cases/deliver-notification.use-case';
import { DeliveryLogUseCase } from './use-cases/delivery-log.use-case';

/**
 * External deliveries (e-mail, SMS, WhatsApp): the notifications queue, registered here beside its
 * senders, the delivery log and its operators' requests, the reconciler, and the deliveries figure.
 * Exports the dispatcher (the notifier and the digest hand it their new deliveries), the queue and the SMS
 * gateway (whether it is configured).
 */
@Module({
  imports: [NotificationsPersistenceModule, JobsModule.forQueues(NOTIFICATIONS_QUEUE), AuditModule],
  controllers: [DeliveryLogRpcController],
  providers: [
    NotificationQueue,
    DeliveryDispatcher,
    EmailSender,
    SmsGatewaySender,
    DeliverNotificationUseCase,
    DeliveryLogUseCase,
    DeliveryReconciler,
    ...DELIVERY_FIGURES,
  ],
  exports: [NotificationQueue, DeliveryDispatcher, SmsGatewaySender, DeliverNotificationUseCase],
})
export class DeliveryModule {}
