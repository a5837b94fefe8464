import { Injectable } from '@nestjs/common';
import { AnswerOf, ListHolidays, RequestOf } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { HolidayRepository } from '../holiday.repository';

/** The holidays of one year, in date order. */
@Injectable()
export class ListHolidaysUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly holidays: HolidayRepository,
  ) {}

  execute(query: RequestOf<typeof ListHolidays>): Promise<AnswerOf<typeof ListHolidays>> {
    // A year from 2000 to 2100 when one is asked for: the contract's (ListHolidays).
    const year = query.year ?? new Date().getUTCFullYear();
    return this.holidays.ofYear(this.transactions.manager, year);
  }
}
