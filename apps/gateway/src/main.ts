import 'reflect-metadata';
import { startService } from '@alur/platform';
import { GatewayModule } from './gateway.module';
import { configureGateway } from './http/configure-gateway';

void startService(GatewayModule, 'gateway', { configure: configureGateway });
