import { Module } from '@nestjs/common';
import { ReportingController } from './reporting.controller';
import { StageReportUseCase } from './stage-report.use-case';

/** Read-only reports over the approval chain: the dashboard's stage figures. */
@Module({
  controllers: [ReportingController],
  providers: [StageReportUseCase],
})
export class ApprovalsReportingModule {}
