import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_ENV, BaseEnv } from '@alur/config';
import { Transactions } from '@alur/database';
import { CalendarWorkingClock } from './domain/calendar-working-clock';
import { ScaledWorkingClock } from './domain/scaled-working-clock';
import { WorkingClock } from './domain/working-clock';
import { HolidayRepository } from './holiday.repository';

/**
 * The service's working clock: the regency calendar (TIMEZONE, weekends, the holiday table), or the
 * scaled clock when APPROVALS_WORKING_DAY_SECONDS is set. Holidays are read at start-up, after an
 * operator adds one, and on every reconciler pass (so replicas pick up each other's additions).
 */
@Injectable()
export class WorkingCalendar implements OnModuleInit {
  private current: WorkingClock;

  constructor(
    @Inject(APP_ENV) private readonly env: BaseEnv,
    private readonly transactions: Transactions,
    private readonly holidays: HolidayRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.refresh();
  }

  get clock(): WorkingClock {
    return this.current;
  }

  get scaled(): boolean {
    return this.env.APPROVALS_WORKING_DAY_SECONDS > 0;
  }

  async refresh(): Promise<void> {
    if (this.scaled) {
      this.current ??= new ScaledWorkingClock(this.env.APPROVALS_WORKING_DAY_SECONDS);
      return;
    }
    const dates = await this.holidays.dates(this.transactions.manager);
    this.current = new CalendarWorkingClock(this.env.TIMEZONE, new Set(dates));
  }
}
