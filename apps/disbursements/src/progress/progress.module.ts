import { Module } from '@nestjs/common';
import { AuditModule } from '@alur/audit';
import { RegionsModule } from '@alur/regions';
import { DisbursementsPersistenceModule } from '../database/disbursements-persistence.module';
import { DisbursementsFeatureModule } from '../disbursements/disbursements-feature.module';
import { TranchesModule } from '../tranches/tranches.module';
import { ProgressRpcController } from './progress.rpc-controller';
import { ListProgressReportsUseCase } from './use-cases/list-progress-reports.use-case';
import { ReportProgressUseCase } from './use-cases/report-progress.use-case';
import { VerifyProgressReportUseCase } from './use-cases/verify-progress-report.use-case';

/** Progress reports by the BKM (with their photos' checks) and their verification on site. */
@Module({
  imports: [AuditModule, RegionsModule, DisbursementsPersistenceModule, DisbursementsFeatureModule, TranchesModule],
  controllers: [ProgressRpcController],
  providers: [ReportProgressUseCase, ListProgressReportsUseCase, VerifyProgressReportUseCase],
})
export class ProgressModule {}
