import { Module } from '@nestjs/common';
import { AuditModule } from '@alur/audit';
import { RegionsModule } from '@alur/regions';
import { DisbursementsPersistenceModule } from '../database/disbursements-persistence.module';
import { FiscalCalendar } from './fiscal-calendar.service';
import { FiscalCalendarRpcController } from './fiscal-calendar.rpc-controller';
import { ReportCarryOverUseCase } from './use-cases/report-carry-over.use-case';
import { SetReleasesClosingUseCase } from './use-cases/set-releases-closing.use-case';

/** Each fiscal year's closing date for releases, and what it carries over (SiLPA). */
@Module({
  imports: [AuditModule, RegionsModule, DisbursementsPersistenceModule],
  controllers: [FiscalCalendarRpcController],
  providers: [FiscalCalendar, SetReleasesClosingUseCase, ReportCarryOverUseCase],
  exports: [FiscalCalendar],
})
export class FiscalCalendarModule {}
