import { Module } from '@nestjs/common';
import { RegionsModule } from '@alur/regions';
import { ProposalsPersistenceModule } from '../database/proposals-persistence.module';
import { EvaluationRpcController } from './evaluation.rpc-controller';
import { CountProposalsUseCase } from './use-cases/count-proposals.use-case';

/** The pilot evaluation, proposals side: submitted, approved, returned and rejected, pilot against the rest. Read-only. */
@Module({
  imports: [RegionsModule, ProposalsPersistenceModule],
  controllers: [EvaluationRpcController],
  providers: [CountProposalsUseCase],
})
export class EvaluationModule {}
