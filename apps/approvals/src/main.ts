import 'reflect-metadata';
import { startService } from '@alur/platform';
import { ApprovalsModule } from './approvals.module';

void startService(ApprovalsModule, 'approvals', { rpc: true });
