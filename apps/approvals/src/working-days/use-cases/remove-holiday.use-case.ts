import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@alur/audit';
import { Actor, AnswerOf, NotFoundError, RemoveHoliday, RequestOf, requireRole } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { HolidayRepository } from '../holiday.repository';
import { WorkingCalendar } from '../working-calendar.service';

export type RemoveHolidayCommand = RequestOf<typeof RemoveHoliday>;

/**
 * An operator takes a day off the working calendar: one added by mistake, or a cuti bersama the
 * government moved (the joint ministerial decree is revised most years). Like an addition, it changes
 * only what is counted from now on: stages already open keep the deadlines they were given.
 */
@Injectable()
export class RemoveHolidayUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly holidays: HolidayRepository,
    private readonly calendar: WorkingCalendar,
    private readonly audit: AuditTrail,
  ) {}

  async execute(actor: Actor, command: RemoveHolidayCommand): Promise<AnswerOf<typeof RemoveHoliday>> {
    requireRole(actor, 'ADMIN');
    const removed = await this.transactions.run(async (tx) => {
      const holiday = await this.holidays.remove(tx, command.date);
      if (!holiday) throw new NotFoundError(`${command.date} is not a holiday`);
      await this.audit.record(tx, {
        actor,
        action: 'working-calendar.holiday-removed',
        entityType: 'working-calendar-holiday',
        entityId: holiday.date,
        before: { date: holiday.date, name: holiday.name },
      });
      return holiday;
    });
    await this.calendar.refresh();
    return removed;
  }
}
