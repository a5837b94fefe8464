import { Module } from '@nestjs/common';
import { AuditModule } from '@alur/audit';
import { RegionsModule } from '@alur/regions';
import { DisbursementsPersistenceModule } from '../database/disbursements-persistence.module';
import { BudgetCommitment } from './budget-commitment.service';
import { BudgetsRpcController } from './budgets.rpc-controller';
import { ProposalApprovedHandler } from './proposal-approved.handler';
import { ProposalWithdrawnHandler } from './proposal-withdrawn.handler';
import { ListBudgetsUseCase } from './use-cases/list-budgets.use-case';
import { SetCeilingUseCase } from './use-cases/set-ceiling.use-case';

/** Budget ceilings (pagu) and the commitments against them: an approved proposal is committed when it fits, released when withdrawn. */
@Module({
  imports: [AuditModule, RegionsModule, DisbursementsPersistenceModule],
  controllers: [BudgetsRpcController],
  providers: [BudgetCommitment, ListBudgetsUseCase, SetCeilingUseCase, ProposalApprovedHandler, ProposalWithdrawnHandler],
})
export class BudgetsModule {}
