import { Module } from '@nestjs/common';
import { AuditModule } from '@alur/audit';
import { RegionsModule } from '@alur/regions';
import { ApprovalsPersistenceModule } from '../database/approvals-persistence.module';
import { StagesModule } from '../stages/stages.module';
import { ChainRpcController } from './chain.rpc-controller';
import { ProposalSubmissionsHandler } from './proposal-submissions.handler';
import { StartApprovalChainUseCase } from './use-cases/start-approval-chain.use-case';
import { WithdrawFromChainUseCase } from './use-cases/withdraw-from-chain.use-case';

/** The approval chain: opened when a proposal is submitted, closed when it is withdrawn. */
@Module({
  imports: [AuditModule, RegionsModule, ApprovalsPersistenceModule, StagesModule],
  controllers: [ChainRpcController],
  providers: [StartApprovalChainUseCase, WithdrawFromChainUseCase, ProposalSubmissionsHandler],
})
export class ChainModule {}
