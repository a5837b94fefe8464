import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HolidayView } from './holiday-view';
import { fieldInvalid } from '@alur/messaging';

/** The holidays of one year, in date order. */
@Injectable()
export class ListHolidaysUseCase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(query: { year?: number }): Promise<HolidayView[]> {
    const year = query.year ?? new Date().getUTCFullYear();
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw fieldInvalid('year', 'year must be a whole number from 2000 to 2100');
    return this.dataSource.query(
      `SELECT to_char(holiday_date, 'YYYY-MM-DD') AS date, name FROM working_calendar_holiday
        WHERE holiday_date >= make_date($1, 1, 1) AND holiday_date < make_date($1 + 1, 1, 1) ORDER BY holiday_date`,
      [year],
    );
  }
}
