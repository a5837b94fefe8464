import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@alur/audit';
import { Actor, AddHoliday, AnswerOf, ConflictError, RequestOf, requireRole } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { HolidayRepository } from '../holiday.repository';
import { WorkingCalendar } from '../working-calendar.service';

export type AddHolidayCommand = RequestOf<typeof AddHoliday>;

/**
 * An operator adds a non-working day (a cuti bersama, a regional holiday). Stages already open keep
 * the deadlines they were given; stages opened afterwards count without the day.
 */
@Injectable()
export class AddHolidayUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly holidays: HolidayRepository,
    private readonly calendar: WorkingCalendar,
    private readonly audit: AuditTrail,
  ) {}

  async execute(actor: Actor, command: AddHolidayCommand): Promise<AnswerOf<typeof AddHoliday>> {
    requireRole(actor, 'ADMIN');
    // A real calendar date and a name, trimmed and not empty: the contract's (AddHoliday), checked before this runs.
    const holiday = { date: command.date, name: command.name };
    await this.transactions.run(async (tx) => {
      if (!(await this.holidays.addIfNew(tx, holiday, actor))) throw new ConflictError(`${holiday.date} is already a holiday`);
      await this.audit.record(tx, {
        actor,
        action: 'working-calendar.holiday-added',
        entityType: 'working-calendar-holiday',
        entityId: holiday.date,
        after: { date: holiday.date, name: holiday.name },
      });
    });
    await this.calendar.refresh();
    return holiday;
  }
}
