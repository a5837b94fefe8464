import { Module } from '@nestjs/common';
import { RegionsModule } from '@alur/regions';
import { CountProposalsUseCase } from './count-proposals.use-case';
import { EvaluationRpcController } from './evaluation.rpc-controller';

/** The pilot evaluation, proposals side: submitted, approved, returned and rejected, pilot against the rest. Read-only. */
@Module({
  imports: [RegionsModule],
  controllers: [EvaluationRpcController],
  providers: [CountProposalsUseCase],
})
export class EvaluationModule {}
