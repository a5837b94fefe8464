import { Module } from '@nestjs/common';
import { RegionsModule } from '@alur/regions';
import { WorkingDaysModule } from '../working-days/working-days.module';
import { EvaluationRpcController } from './evaluation.rpc-controller';
import { EvaluateStagesUseCase } from './use-cases/evaluate-stages.use-case';

/** The pilot evaluation, approvals side: working days, overdue and escalated stages, pilot against the rest. Read-only. */
@Module({
  // The service's one working calendar, so that the figures count days as the deadlines do.
  imports: [RegionsModule, WorkingDaysModule],
  controllers: [EvaluationRpcController],
  providers: [EvaluateStagesUseCase],
})
export class EvaluationModule {}
