import 'reflect-metadata';
import { startService } from '@alur/platform';
import { NotificationsModule } from './notifications.module';

void startService(NotificationsModule, 'notifications', { rpc: true });
