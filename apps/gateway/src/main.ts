import 'reflect-metadata';
import { startService } from '@alur/platform';
import { GatewayModule } from './gateway.module';

void startService(GatewayModule, 'gateway');
