import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { Actor } from '@alur/contracts';
import { queryRows } from '@alur/database';

/** A fiscal year's closing as stored: the date BPKAD set, if any, and the year's very end in the regency's time zone. */
export interface StoredClosing {
  setAt: Date | null;
  yearEnd: Date;
}

const StoredClosingRow = z
  .object({ set_at: z.date().nullable(), year_end: z.date() })
  .transform((row): StoredClosing => ({ setAt: row.set_at, yearEnd: row.year_end }));

/** Each regency's closing dates for releases (fiscal_year_closing). */
@Injectable()
export class FiscalYearClosingRepository {
  async find(db: EntityManager, regencyCode: string, fiscalYear: number, timeZone: string): Promise<StoredClosing> {
    const [closing] = await queryRows(
      db,
      StoredClosingRow,
      `SELECT c.releases_close_at AS set_at, (make_date($2 + 1, 1, 1)::timestamp AT TIME ZONE $3) AS year_end
         FROM (SELECT 1) one LEFT JOIN fiscal_year_closing c ON c.regency_code = $1 AND c.fiscal_year = $2`,
      [regencyCode, fiscalYear, timeZone],
    );
    return closing;
  }

  async set(tx: EntityManager, regencyCode: string, fiscalYear: number, releasesCloseAt: Date, setBy: Actor): Promise<void> {
    await tx.query(
      `INSERT INTO fiscal_year_closing (regency_code, fiscal_year, releases_close_at, set_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (regency_code, fiscal_year) DO UPDATE SET releases_close_at = EXCLUDED.releases_close_at, set_by = EXCLUDED.set_by, updated_at = now()`,
      [regencyCode, fiscalYear, releasesCloseAt, JSON.stringify(setBy)],
    );
  }
}
