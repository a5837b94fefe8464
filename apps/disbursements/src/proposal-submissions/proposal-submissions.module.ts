import { Module } from '@nestjs/common';
import { DisbursementsPersistenceModule } from '../database/disbursements-persistence.module';
import { ProposalSubmittedHandler } from './proposal-submitted.handler';

/** What this service keeps of each proposal as last submitted: its swadaya and the account its grant is paid into. */
@Module({
  imports: [DisbursementsPersistenceModule],
  providers: [ProposalSubmittedHandler],
})
export class ProposalSubmissionsModule {}
