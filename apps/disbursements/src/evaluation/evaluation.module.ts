import { Module } from '@nestjs/common';
import { RegionsModule } from '@alur/regions';
import { DisbursementsPersistenceModule } from '../database/disbursements-persistence.module';
import { FiscalCalendarModule } from '../fiscal-calendar/fiscal-calendar.module';
import { EvaluateProgrammeUseCase } from './evaluate-programme.use-case';
import { EvaluationController } from './evaluation.controller';

/** The pilot evaluation: a programme's pilot regions against the others. Read-only. */
@Module({
  imports: [RegionsModule, FiscalCalendarModule, DisbursementsPersistenceModule],
  controllers: [EvaluationController],
  providers: [EvaluateProgrammeUseCase],
})
export class EvaluationModule {}
