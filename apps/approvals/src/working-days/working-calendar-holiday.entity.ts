import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Actor } from '@alur/contracts';

/** A day that is not a working day although it falls on Monday to Friday (a national holiday, cuti bersama…). */
@Entity('working_calendar_holiday')
export class WorkingCalendarHolidayEntity {
  /** `YYYY-MM-DD` in the regency's time zone. */
  @PrimaryColumn('date', { name: 'holiday_date' }) date: string;
  @Column('text') name: string;
  /** Null for the holidays the service ships with. */
  @Column('jsonb', { name: 'created_by', nullable: true }) createdBy: Actor | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
