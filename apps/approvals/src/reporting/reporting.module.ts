import { Module } from '@nestjs/common';
import { ApprovalsPersistenceModule } from '../database/approvals-persistence.module';
import { ReportingRpcController } from './reporting.rpc-controller';
import { StageReportRepository } from './stage-report.repository';
import { StageReportUseCase } from './use-cases/stage-report.use-case';

/** Read-only reports over the approval chain: the dashboard's stage figures. */
@Module({
  imports: [ApprovalsPersistenceModule],
  controllers: [ReportingRpcController],
  providers: [StageReportRepository, StageReportUseCase],
})
export class ReportingModule {}
