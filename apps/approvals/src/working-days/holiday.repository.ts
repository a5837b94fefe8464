import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import type { Actor } from '@alur/contracts';
import { queryRows, updateRows } from '@alur/database';
import { Holiday } from './domain/holiday';

const HolidayRow = z.object({ date: z.string(), name: z.string() });

const HolidayDateRow = z.object({ date: z.string() });
const AddedHolidayRow = z.object({ added: z.literal(1) });

/** The regency's holidays, which the working-day deadlines skip. */
@Injectable()
export class HolidayRepository {
  /** Every holiday's date, `YYYY-MM-DD`. */
  async dates(db: EntityManager): Promise<string[]> {
    const rows = await queryRows(db, HolidayDateRow, `SELECT to_char(holiday_date, 'YYYY-MM-DD') AS date FROM working_calendar_holiday`);
    return rows.map((row) => row.date);
  }

  /** Adds the holiday; false (and nothing changed) when its date is a holiday already. */
  async addIfNew(tx: EntityManager, holiday: Holiday, createdBy: Actor): Promise<boolean> {
    const inserted = await queryRows(
      tx,
      AddedHolidayRow,
      `INSERT INTO working_calendar_holiday (holiday_date, name, created_by) VALUES ($1, $2, $3)
       ON CONFLICT (holiday_date) DO NOTHING RETURNING 1 AS added`,
      [holiday.date, holiday.name, JSON.stringify(createdBy)],
    );
    return inserted.length > 0;
  }

  /** Takes the day off the calendar; the holiday it was, or null (and nothing changed) when it was not one. */
  async remove(tx: EntityManager, date: string): Promise<Holiday | null> {
    const [removed] = await updateRows(
      tx,
      HolidayRow,
      `DELETE FROM working_calendar_holiday WHERE holiday_date = $1 RETURNING to_char(holiday_date, 'YYYY-MM-DD') AS date, name`,
      [date],
    );
    return removed ?? null;
  }

  /** The holidays of one year, in date order. */
  ofYear(db: EntityManager, year: number): Promise<Holiday[]> {
    return queryRows(
      db,
      HolidayRow,
      `SELECT to_char(holiday_date, 'YYYY-MM-DD') AS date, name FROM working_calendar_holiday
        WHERE holiday_date >= make_date($1, 1, 1) AND holiday_date < make_date($1 + 1, 1, 1) ORDER BY holiday_date`,
      [year],
    );
  }
}
