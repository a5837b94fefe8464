import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BaseEnv, InjectEnv } from '@alur/config';

export interface ReleasesClosing {
  regencyCode: string;
  fiscalYear: number;
  /** The instant after which no tranche of that year may be released. */
  releasesCloseAt: Date;
  /** True when BPKAD set no date: the year then closes at its very end, midnight of 1 January in the regency's time zone. */
  isDefault: boolean;
}

/**
 * The regency's fiscal calendar: each fiscal year closes for releases on a date BPKAD sets (the
 * year-end closing); what is not released by then carries over (SiLPA).
 */
@Injectable()
export class FiscalCalendar {
  private readonly localTime: Intl.DateTimeFormat;

  constructor(@InjectEnv() private readonly env: BaseEnv) {
    this.localTime = new Intl.DateTimeFormat('en-GB', { timeZone: env.TIMEZONE, dateStyle: 'long', timeStyle: 'short' });
  }

  /** The closing as people of the regency read it, e.g. "20 December 2026 at 15:00 (Asia/Jakarta)". */
  describe(closing: ReleasesClosing): string {
    return `${this.localTime.format(closing.releasesCloseAt)} (${this.env.TIMEZONE})`;
  }

  async closingOf(tx: EntityManager, regencyCode: string, fiscalYear: number): Promise<ReleasesClosing> {
    const [row] = (await tx.query(
      `SELECT c.releases_close_at AS set_at, (make_date($2 + 1, 1, 1)::timestamp AT TIME ZONE $3) AS year_end
         FROM (SELECT 1) one LEFT JOIN fiscal_year_closing c ON c.regency_code = $1 AND c.fiscal_year = $2`,
      [regencyCode, fiscalYear, this.env.TIMEZONE],
    )) as Array<{ set_at: Date | null; year_end: Date }>;
    return { regencyCode, fiscalYear, releasesCloseAt: row.set_at ?? row.year_end, isDefault: row.set_at === null };
  }
}
