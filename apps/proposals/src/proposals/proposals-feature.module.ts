import { Module } from '@nestjs/common';
import { AuditModule } from '@alur/audit';
import { RegionsModule } from '@alur/regions';
import { ProposalsPersistenceModule } from '../database/proposals-persistence.module';
import { ProposalAccess } from './proposal-access.service';
import { ProposalHistory } from './proposal-history.service';
import { ProposalsRpcController } from './proposals.rpc-controller';
import { CreateProposalUseCase } from './use-cases/create-proposal.use-case';
import { ReadProposalsUseCase } from './use-cases/read-proposals.use-case';
import { SubmitProposalUseCase } from './use-cases/submit-proposal.use-case';
import { UpdateProposalUseCase } from './use-cases/update-proposal.use-case';
import { WithdrawProposalUseCase } from './use-cases/withdraw-proposal.use-case';

/** Proposals: drafting, editing, submitting, withdrawing and reading, scoped by region. */
@Module({
  imports: [AuditModule, RegionsModule, ProposalsPersistenceModule],
  controllers: [ProposalsRpcController],
  providers: [
    ProposalAccess,
    ProposalHistory,
    CreateProposalUseCase,
    UpdateProposalUseCase,
    SubmitProposalUseCase,
    WithdrawProposalUseCase,
    ReadProposalsUseCase,
  ],
  exports: [ProposalHistory, WithdrawProposalUseCase],
})
export class ProposalsFeatureModule {}
