import { Module } from '@nestjs/common';
import { RegionsModule } from '@alur/regions';
import { ApprovalsPersistenceModule } from '../database/approvals-persistence.module';
import { WorkingDaysModule } from '../working-days/working-days.module';
import { EvaluationRpcController } from './evaluation.rpc-controller';
import { StageEvaluationRepository } from './stage-evaluation.repository';
import { EvaluateStagesUseCase } from './use-cases/evaluate-stages.use-case';

/** The pilot evaluation, approvals side: working days, overdue and escalated stages, pilot against the rest. Read-only. */
@Module({
  // The service's one working calendar, so that the figures count days as the deadlines do.
  imports: [RegionsModule, ApprovalsPersistenceModule, WorkingDaysModule],
  controllers: [EvaluationRpcController],
  providers: [StageEvaluationRepository, EvaluateStagesUseCase],
})
export class EvaluationModule {}
