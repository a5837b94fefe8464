import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Actor } from '@alur/contracts';
import { Holiday } from './domain/holiday';

/** The `working_calendar_holiday` table; HolidayRepository reads and writes it. */
@Entity('working_calendar_holiday')
export class WorkingCalendarHolidayEntity implements Holiday {
  @PrimaryColumn('date', { name: 'holiday_date' }) date: string;
  @Column('text') name: string;
  /** Null for the holidays the service ships with. */
  @Column('jsonb', { name: 'created_by', nullable: true }) createdBy: Actor | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
