import { Module } from '@nestjs/common';
import { BudgetsController } from './budgets.controller';
import { DisbursementsController } from './disbursements.controller';
import { ProgressReportsController } from './progress-reports.controller';

/** The HTTP face of the disbursements service: ceilings, disbursements, releases and progress reports. */
@Module({
  controllers: [BudgetsController, DisbursementsController, ProgressReportsController],
})
export class DisbursementsGatewayModule {}
