import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { RetentionModule } from '@alur/database';
import { AuditTrailRpcModule, ServiceCoreModule, systemPingController, withEnvironment } from '@alur/platform';
import { NOTIFICATIONS_MIGRATIONS, NOTIFICATIONS_RETENTION, NOTIFICATIONS_AUDIT_OBJECTS } from './database/notifications-schema';
import { DeliveryModule } from './delivery/delivery.module';
import { NotificationProcessor } from './delivery/notification.processor';
import { DigestModule } from './digest/digest.module';
import { EventsModule } from './events/events.module';
import { InboxModule } from './inbox/inbox.module';
import { PreferencesModule } from './preferences/preferences.module';

function notificationsMetadata(env?: NodeJS.ProcessEnv): ModuleMetadata {
  return {
    imports: [
      ServiceCoreModule.forService('notifications', { env, migrations: NOTIFICATIONS_MIGRATIONS, usesRedis: true }),
      AuditTrailRpcModule.forService('notifications', NOTIFICATIONS_AUDIT_OBJECTS),
      RetentionModule.forRules(NOTIFICATIONS_RETENTION),
      DeliveryModule,
      PreferencesModule,
      InboxModule,
      EventsModule,
      DigestModule,
    ],
    controllers: [systemPingController('notifications')],
    // The notifications queue's one processor routes its jobs to two features (a delivery's send, the
    // daily digest, which itself adds deliveries to the queue), so it sits here, above both.
    providers: [NotificationProcessor],
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
