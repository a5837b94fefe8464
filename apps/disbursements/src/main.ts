import 'reflect-metadata';
import { startService } from '@alur/platform';
import { DisbursementsModule } from './disbursements.module';

void startService(DisbursementsModule, 'disbursements', { rpc: true });
