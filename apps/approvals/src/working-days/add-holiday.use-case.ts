import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '@alur/contracts';
import { AuditTrail } from '@alur/audit';
import { HolidayView } from './holiday-view';
import { WorkingCalendar } from './working-calendar.service';
import { fieldInvalid, requireRole } from '@alur/messaging';

export interface AddHolidayCommand {
  date: string;
  name: string;
}

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

  async execute(actor: Actor, command: AddHolidayCommand): Promise<HolidayView> {
    requireRole(actor, 'ADMIN');
    if (!isCalendarDate(command.date)) throw fieldInvalid('date', 'date must be a calendar date written YYYY-MM-DD');
    const name = command.name?.trim();
    if (!name) throw fieldInvalid('name', 'name should not be empty');
    await this.dataSource.transaction(async (tx) => {
      const inserted = (await tx.query(
        `INSERT INTO working_calendar_holiday (holiday_date, name, created_by) VALUES ($1, $2, $3)
         ON CONFLICT (holiday_date) DO NOTHING RETURNING 1`,
        [command.date, name, JSON.stringify(actor)],
      )) as unknown[];
      if (inserted.length === 0) throw new ConflictException(`${command.date} is already a holiday`);
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

function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
