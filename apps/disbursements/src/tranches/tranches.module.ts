import { Module } from '@nestjs/common';
import { AuditModule } from '@alur/audit';
import { DisbursementsPersistenceModule } from '../database/disbursements-persistence.module';
import { TrancheProgression } from './tranche-progression.service';

/** Tranches (termin): what follows a release or a verified progress report, the next tranche made ready or the proposal completed. */
@Module({
  imports: [AuditModule, DisbursementsPersistenceModule],
  providers: [TrancheProgression],
  exports: [TrancheProgression],
})
export class TranchesModule {}
