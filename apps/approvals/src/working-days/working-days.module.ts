import { Module } from '@nestjs/common';
import { AuditModule } from '@alur/audit';
import { ApprovalsPersistenceModule } from '../database/approvals-persistence.module';
import { AddHolidayUseCase } from './use-cases/add-holiday.use-case';
import { ListHolidaysUseCase } from './use-cases/list-holidays.use-case';
import { RemoveHolidayUseCase } from './use-cases/remove-holiday.use-case';
import { WorkingCalendar } from './working-calendar.service';
import { WorkingDaysRpcController } from './working-days.rpc-controller';

/** Working days: the service's one working calendar (weekends, holidays) that every deadline counts on. */
@Module({
  imports: [AuditModule, ApprovalsPersistenceModule],
  controllers: [WorkingDaysRpcController],
  providers: [WorkingCalendar, AddHolidayUseCase, RemoveHolidayUseCase, ListHolidaysUseCase],
  exports: [WorkingCalendar],
})
export class WorkingDaysModule {}
