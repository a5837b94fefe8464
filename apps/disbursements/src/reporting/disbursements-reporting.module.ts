import { Module } from '@nestjs/common';
import { ListFundsReportUseCase } from './list-funds-report.use-case';
import { ReportingController } from './reporting.controller';

/** Read-only reports over disbursements: the public funds report. */
@Module({
  controllers: [ReportingController],
  providers: [ListFundsReportUseCase],
})
export class DisbursementsReportingModule {}
