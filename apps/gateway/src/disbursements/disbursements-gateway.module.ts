import { Module } from '@nestjs/common';
import { RpcClient } from '@alur/messaging';
import { BudgetsController } from './budgets.controller';
import { DisbursementsController } from './disbursements.controller';
import { ProgressReportsController } from './progress-reports.controller';

/**
 * The HTTP face of the disbursements service: ceilings, disbursements, releases and progress reports.
 * Its own RpcClient, since the root module's is not visible to imported modules.
 */
@Module({
  controllers: [BudgetsController, DisbursementsController, ProgressReportsController],
  providers: [RpcClient],
})
export class DisbursementsGatewayModule {}
