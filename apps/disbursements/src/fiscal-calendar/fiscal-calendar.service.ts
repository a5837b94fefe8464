import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BaseEnv, InjectEnv } from '@alur/config';
import { ReleasesClosing } from './domain/releases-closing';
import { FiscalYearClosingRepository } from './fiscal-year-closing.repository';

/**
 * The regency's fiscal calendar: each fiscal year closes for releases on a date BPKAD sets (the
 * year-end closing); what is not released by then carries over (SiLPA).
 */
@Injectable()
export class FiscalCalendar {
  private readonly localTime: Intl.DateTimeFormat;

  constructor(
    @InjectEnv() private readonly env: BaseEnv,
    private readonly closings: FiscalYearClosingRepository,
  ) {
    this.localTime = new Intl.DateTimeFormat('en-GB', { timeZone: env.TIMEZONE, dateStyle: 'long', timeStyle: 'short' });
  }

  /** The closing as people of the regency read it, e.g. "20 December 2026 at 15:00 (Asia/Jakarta)". */
  describe(closing: ReleasesClosing): string {
    return `${this.localTime.format(closing.releasesCloseAt)} (${this.env.TIMEZONE})`;
  }

  async closingOf(db: EntityManager, regencyCode: string, fiscalYear: number): Promise<ReleasesClosing> {
    const stored = await this.closings.find(db, regencyCode, fiscalYear, this.env.TIMEZONE);
    return { regencyCode, fiscalYear, releasesCloseAt: stored.setAt ?? stored.yearEnd, isDefault: stored.setAt === null };
  }
}
