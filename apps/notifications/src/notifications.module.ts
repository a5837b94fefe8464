import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { APP_ENV, BaseEnv } from '@alur/config';
import { AuditModule } from '@alur/audit';
import { AfterCommit, RetentionModule } from '@alur/database';
import { JobsModule, NOTIFICATIONS_QUEUE } from '@alur/jobs';
import { ServiceCoreModule, systemPingController, withEnvironment } from '@alur/platform';
import { RegionDirectory, RegionsModule } from '@alur/regions';
import { NOTIFICATIONS_MIGRATIONS, NOTIFICATIONS_RETENTION } from './database/notifications-schema';
import { EmailSender } from './delivery/channels/email.sender';
import { SmsGatewaySender } from './delivery/channels/sms-gateway.sender';
import { DeliverNotificationUseCase } from './delivery/deliver-notification.use-case';
import { DeliveryLogRpcController } from './delivery/delivery-log.rpc-controller';
import { DeliveryLogUseCase } from './delivery/delivery-log.use-case';
import { DeliveryReconciler } from './delivery/delivery-reconciler.service';
import { DeliveryRepository } from './delivery/delivery.repository';
import { NotificationQueue } from './delivery/notification-queue';
import { NotificationProcessor } from './delivery/notification.processor';
import { RunReminderDigestUseCase } from './digest/run-reminder-digest.use-case';
import { DirectoryRepository } from './directory/directory.repository';
import { NotificationEventHandlers } from './events/notification-event.handlers';
import { NotifyRecipientsUseCase } from './events/notify-recipients.use-case';
import { InboxRpcController } from './inbox/inbox.rpc-controller';
import { ListInboxUseCase } from './inbox/list-inbox.use-case';
import { MarkReadUseCase } from './inbox/mark-read.use-case';
import { TemplateRenderer } from './messages/template-renderer';
import { PreferencesReader } from './preferences/preferences-reader.service';
import { DELIVERY_FIGURES } from './delivery/delivery-figures.providers';
import { PreferencesRepository } from './preferences/preferences.repository';
import { PreferencesRpcController } from './preferences/preferences.rpc-controller';
import { PreferencesUseCase } from './preferences/preferences.use-case';

function notificationsMetadata(env?: NodeJS.ProcessEnv): ModuleMetadata {
  return {
    imports: [
      ServiceCoreModule.forService('notifications', { env, migrations: NOTIFICATIONS_MIGRATIONS, usesRedis: true }),
      RegionsModule,
      RetentionModule.forRules(NOTIFICATIONS_RETENTION),
      JobsModule.forQueues(NOTIFICATIONS_QUEUE),
      AuditModule,
    ],
    controllers: [systemPingController('notifications'), InboxRpcController, PreferencesRpcController, DeliveryLogRpcController],
    providers: [
      {
        provide: TemplateRenderer,
        inject: [APP_ENV, RegionDirectory],
        useFactory: (appEnv: BaseEnv, regions: RegionDirectory) => new TemplateRenderer(appEnv.TIMEZONE, regions),
      },
      AfterCommit,
      DirectoryRepository,
      PreferencesRepository,
      PreferencesReader,
      DeliveryRepository,
      NotificationQueue,
      EmailSender,
      SmsGatewaySender,
      NotifyRecipientsUseCase,
      NotificationEventHandlers,
      DeliverNotificationUseCase,
      RunReminderDigestUseCase,
      NotificationProcessor,
      DeliveryReconciler,
      DeliveryLogUseCase,
      ListInboxUseCase,
      MarkReadUseCase,
      PreferencesUseCase,
      ...DELIVERY_FIGURES,
    ],
  };
}

/**
 * Tells everyone concerned what happened, in their language and on their channels: the in-app inbox
 * always, e-mail and SMS/WhatsApp as they choose, with every delivery logged. Reads process.env.
 */
@Module(notificationsMetadata())
export class NotificationsModule {
  /** The same service with `env` in place of process.env: tests run it in-process against their own isolation. */
  static forRoot(env: NodeJS.ProcessEnv): DynamicModule {
    return withEnvironment(notificationsMetadata, env);
  }
}
