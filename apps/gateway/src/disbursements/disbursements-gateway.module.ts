import { Module } from '@nestjs/common';
import { BudgetsController } from './budgets.controller';
import { DisbursementsController } from './disbursements.controller';
import { ProgressReportsController } from './progress-reports.controller';
import { ProgressVerificationController } from './progress-verification.controller';

/** The HTTP face of the disbursements service: ceilings, disbursements, releases, progress reports and their verification. */
@Module({
  controllers: [BudgetsController, DisbursementsController, ProgressReportsController, ProgressVerificationController],
})
export class DisbursementsGatewayModule {}
