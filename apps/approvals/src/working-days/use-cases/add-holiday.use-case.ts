import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, AddHoliday, AnswerOf, ConflictError, RequestOf } from '@alur/contracts';
import { AuditTrail } from '@alur/audit';
import { WorkingCalendar } from '../working-calendar.service';
import { requireRole } from '@alur/messaging';

export type AddHolidayCommand = RequestOf<typeof AddHoliday>;

/**
 * An operator adds a non-working day (a cuti bersama, a regional holiday). Stages already open keep
 * the deadlines they were given; stages opened afterwards count without the day.
 */
@Injectable()
export class AddHolidayUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: WorkingCalendar,
    private readonly audit: AuditTrail,
  ) {}

  async execute(actor: Actor, command: AddHolidayCommand): Promise<AnswerOf<typeof AddHoliday>> {
    requireRole(actor, 'ADMIN');
    // A real calendar date and a name, trimmed and not empty: the contract's (AddHoliday), checked before this runs.
    const { name } = command;
    await this.dataSource.transaction(async (tx) => {
      const inserted = (await tx.query(
        `INSERT INTO working_calendar_holiday (holiday_date, name, created_by) VALUES ($1, $2, $3)
         ON CONFLICT (holiday_date) DO NOTHING RETURNING 1`,
        [command.date, name, JSON.stringify(actor)],
      )) as unknown[];
      if (inserted.length === 0) throw new ConflictError(`${command.date} is already a holiday`);
      await this.audit.record(tx, {
        actor,
        action: 'working-calendar.holiday-added',
        entityType: 'working-calendar-holiday',
        entityId: command.date,
        after: { date: command.date, name },
      });
    });
    await this.calendar.refresh();
    return { date: command.date, name };
  }
}
