import { Module } from '@nestjs/common';
import { ReportingRpcController } from './reporting.rpc-controller';
import { StageReportUseCase } from './use-cases/stage-report.use-case';

/** Read-only reports over the approval chain: the dashboard's stage figures. */
@Module({
  controllers: [ReportingRpcController],
  providers: [StageReportUseCase],
})
export class ReportingModule {}
