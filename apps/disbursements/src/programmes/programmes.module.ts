import { Module } from '@nestjs/common';
import { DisbursementsPersistenceModule } from '../database/disbursements-persistence.module';
import { ProgrammePublishedHandler } from './programme-published.handler';

/** What this service keeps of each published programme version (its year, tranche plan and ceiling), heard from its event. */
@Module({
  imports: [DisbursementsPersistenceModule],
  providers: [ProgrammePublishedHandler],
})
export class ProgrammesModule {}
