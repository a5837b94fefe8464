import { Module } from '@nestjs/common';
import { RegionsModule } from '@alur/regions';
import { DisbursementsPersistenceModule } from '../database/disbursements-persistence.module';
import { FiscalCalendarModule } from '../fiscal-calendar/fiscal-calendar.module';
import { EvaluateProgrammeUseCase } from './use-cases/evaluate-programme.use-case';
import { EvaluationRpcController } from './evaluation.rpc-controller';

/** The pilot evaluation: a programme's pilot regions against the others. Read-only. */
@Module({
  imports: [RegionsModule, FiscalCalendarModule, DisbursementsPersistenceModule],
  controllers: [EvaluationRpcController],
  providers: [EvaluateProgrammeUseCase],
})
export class EvaluationModule {}
