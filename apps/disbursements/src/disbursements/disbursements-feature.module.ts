import { Module } from '@nestjs/common';
import { AuditModule } from '@alur/audit';
import { RegionsModule } from '@alur/regions';
import { DisbursementsPersistenceModule } from '../database/disbursements-persistence.module';
import { FiscalCalendarModule } from '../fiscal-calendar/fiscal-calendar.module';
import { TranchesModule } from '../tranches/tranches.module';
import { DisbursementViews } from './disbursement-view';
import { DisbursementsRpcController } from './disbursements.rpc-controller';
import { TrancheLocks } from './locked-tranche';
import { ListDisbursementsUseCase } from './use-cases/list-disbursements.use-case';
import { PrepareSpmUseCase } from './use-cases/prepare-spm.use-case';
import { ReleaseTrancheUseCase } from './use-cases/release-tranche.use-case';
import { ReturnSpmUseCase } from './use-cases/return-spm.use-case';

/**
 * Disbursements and their release by BPKAD, by two officials: one prepares a tranche's SPM, another authorises
 * its SP2D (or returns the SPM). Named apart from the service's root DisbursementsModule.
 */
@Module({
  imports: [AuditModule, RegionsModule, DisbursementsPersistenceModule, FiscalCalendarModule, TranchesModule],
  controllers: [DisbursementsRpcController],
  providers: [ListDisbursementsUseCase, PrepareSpmUseCase, ReleaseTrancheUseCase, ReturnSpmUseCase, TrancheLocks, DisbursementViews],
  exports: [DisbursementViews],
})
export class DisbursementsFeatureModule {}
