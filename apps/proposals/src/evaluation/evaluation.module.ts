import { Module } from '@nestjs/common';
import { Transactions } from '@alur/database';
import { RegionsModule } from '@alur/regions';
import { ProgrammesModule } from '../programmes/programmes.module';
import { ProposalsFeatureModule } from '../proposals/proposals.module';
import { EvaluationRpcController } from './evaluation.rpc-controller';
import { CountProposalsUseCase } from './use-cases/count-proposals.use-case';

/** The pilot evaluation, proposals side: submitted, approved, returned and rejected, pilot against the rest. Read-only. */
@Module({
  imports: [RegionsModule, ProgrammesModule, ProposalsFeatureModule],
  controllers: [EvaluationRpcController],
  providers: [Transactions, CountProposalsUseCase],
})
export class EvaluationModule {}
