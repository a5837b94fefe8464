import { Module } from '@nestjs/common';
import { RegionsModule } from '@alur/regions';
import { EvaluationsController } from '../evaluation/evaluations.controller';
import { UploadsModule } from '../uploads/uploads.module';
import { UsersModule } from '../users/users.module';
import { BudgetsController } from './budgets.controller';
import { DisbursementsController } from './disbursements.controller';
import { FiscalYearsController } from './fiscal-years.controller';
import { ProgressReportsController } from './progress-reports.controller';
import { ProgressVerificationController } from './progress-verification.controller';

/** The HTTP face of the disbursements service: ceilings, disbursements, releases, progress reports and their verification, the fiscal calendar, the pilot evaluation. */
@Module({
  imports: [UploadsModule, UsersModule, RegionsModule],
  controllers: [
    BudgetsController,
    DisbursementsController,
    ProgressReportsController,
    ProgressVerificationController,
    FiscalYearsController,
    EvaluationsController,
  ],
})
export class DisbursementsGatewayModule {}
