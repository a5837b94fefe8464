import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AnswerOf, ListHolidays, RequestOf } from '@alur/contracts';

/** The holidays of one year, in date order. */
@Injectable()
export class ListHolidaysUseCase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(query: RequestOf<typeof ListHolidays>): Promise<AnswerOf<typeof ListHolidays>> {
    // A year from 2000 to 2100 when one is asked for: the contract's (ListHolidays).
    const year = query.year ?? new Date().getUTCFullYear();
    return this.dataSource.query(
      `SELECT to_char(holiday_date, 'YYYY-MM-DD') AS date, name FROM working_calendar_holiday
        WHERE holiday_date >= make_date($1, 1, 1) AND holiday_date < make_date($1 + 1, 1, 1) ORDER BY holiday_date`,
      [year],
    );
  }
}
