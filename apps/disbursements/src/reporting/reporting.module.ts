import { Module } from '@nestjs/common';
import { DisbursementsPersistenceModule } from '../database/disbursements-persistence.module';
import { ListFundsReportUseCase } from './use-cases/list-funds-report.use-case';
import { ListPublicProgressUseCase } from './use-cases/list-public-progress.use-case';
import { ReportingRpcController } from './reporting.rpc-controller';

/** Read-only reports over disbursements: the public funds report and the accepted progress (with its photos) the public may see. */
@Module({
  imports: [DisbursementsPersistenceModule],
  controllers: [ReportingRpcController],
  providers: [ListFundsReportUseCase, ListPublicProgressUseCase],
})
export class ReportingModule {}
