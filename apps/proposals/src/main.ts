import 'reflect-metadata';
import { startService } from '@alur/platform';
import { ProposalsModule } from './proposals.module';

void startService(ProposalsModule, 'proposals', { rpc: true });
