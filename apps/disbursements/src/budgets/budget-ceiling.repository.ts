import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { queryRows, rupiahField, updateRows } from '@alur/database';
import { BudgetCeiling, BudgetCeilingStanding } from './domain/budget-ceiling';
import { CeilingKey } from './domain/ceiling-key';

const CeilingColumns = z.object({
  program_code: z.string(),
  fiscal_year: z.number().int(),
  region_code: z.string(),
  region_level: z.string(),
  regency_code: z.string(),
  amount: rupiahField,
  committed: rupiahField,
  released: rupiahField,
});

const toCeiling = (row: z.output<typeof CeilingColumns>): BudgetCeiling => ({
  programCode: row.program_code,
  fiscalYear: row.fiscal_year,
  regionCode: row.region_code,
  regionLevel: row.region_level,
  regencyCode: row.regency_code,
  amount: row.amount,
  committed: row.committed,
  released: row.released,
});

const CeilingRow = CeilingColumns.transform(toCeiling);

/** A ceiling with its waiting proposals' count (bigint) and sum (numeric), both exact. */
const StandingRow = CeilingColumns.extend({ waiting_count: rupiahField, waiting_amount: rupiahField }).transform(
  (row): BudgetCeilingStanding => ({ ...toCeiling(row), waiting: { count: row.waiting_count, amount: row.waiting_amount } }),
);

const CommittedRow = z.object({ committed: rupiahField });
const RegionAmountRow = z.object({ region_code: z.string(), amount: rupiahField });

export interface CeilingFilter {
  programCode?: string;
  fiscalYear?: number;
  /** A region and the regions below it. */
  regionCode?: string;
}

const keyParams = (key: CeilingKey) => [key.programCode, key.fiscalYear, key.regionCode];

/**
 * Ceilings (pagu). Every change to `committed` is made under the ceiling's row lock (`lock`), and
 * `commitIfFits` is a conditional UPDATE: with the table's CHECK, committed never exceeds the amount.
 */
@Injectable()
export class BudgetCeilingRepository {
  /**
   * Creates the ceiling the first time a region of it is used, at the default pagu of the programme's latest
   * version for the year, as the pagu page lists an unset one: a version published since the proposal's own
   * is the programme's current word. `amount` (the caller's version's) serves where the latest sets its
   * pagu per another region level.
   */
  async ensure(tx: EntityManager, key: CeilingKey, regionLevel: string, regencyCode: string, amount: number): Promise<void> {
    await tx.query(
      `INSERT INTO budget_ceiling (program_code, fiscal_year, region_code, region_level, regency_code, amount)
       VALUES ($1, $2, $3, $4, $5, coalesce(
         (SELECT CASE WHEN ceiling_region_level = $4 THEN ceiling_amount END FROM programme_version
           WHERE code = $1 AND fiscal_year = $2 ORDER BY version DESC LIMIT 1), $6))
       ON CONFLICT (program_code, fiscal_year, region_code) DO NOTHING`,
      [...keyParams(key), regionLevel, regencyCode, String(amount)],
    );
  }

  /** The ceiling, row-locked (FOR UPDATE). */
  async lock(tx: EntityManager, key: CeilingKey): Promise<BudgetCeiling> {
    const [ceiling] = await queryRows(
      tx,
      CeilingRow,
      'SELECT * FROM budget_ceiling WHERE program_code = $1 AND fiscal_year = $2 AND region_code = $3 FOR UPDATE',
      keyParams(key),
    );
    return ceiling;
  }

  /** Commits `amount` if it fits under the ceiling; false (and nothing changed) if it does not. */
  async commitIfFits(tx: EntityManager, key: CeilingKey, amount: number): Promise<boolean> {
    const fits = await updateRows(
      tx,
      CommittedRow,
      `UPDATE budget_ceiling SET committed = committed + $4, updated_at = now()
          WHERE program_code = $1 AND fiscal_year = $2 AND region_code = $3 AND committed + $4 <= amount
          RETURNING committed`,
      [...keyParams(key), String(amount)],
    );
    return fits.length > 0;
  }

  /** Gives a withdrawn proposal's commitment back to the ceiling. */
  async releaseCommitment(tx: EntityManager, key: CeilingKey, amount: number): Promise<void> {
    await tx.query(
      `UPDATE budget_ceiling SET committed = committed - $4, updated_at = now()
          WHERE program_code = $1 AND fiscal_year = $2 AND region_code = $3`,
      [...keyParams(key), String(amount)],
    );
  }

  async addReleased(tx: EntityManager, key: CeilingKey, amount: number): Promise<void> {
    await tx.query(
      'UPDATE budget_ceiling SET released = released + $4, updated_at = now() WHERE program_code = $1 AND fiscal_year = $2 AND region_code = $3',
      [...keyParams(key), String(amount)],
    );
  }

  async setAmount(tx: EntityManager, key: CeilingKey, amount: number): Promise<void> {
    await tx.query(
      'UPDATE budget_ceiling SET amount = $4, updated_at = now() WHERE program_code = $1 AND fiscal_year = $2 AND region_code = $3',
      [...keyParams(key), String(amount)],
    );
  }

  /** The ceiling with the proposals waiting for it. */
  async standing(tx: EntityManager, key: CeilingKey): Promise<BudgetCeilingStanding> {
    const [standing] = await queryRows(
      tx,
      StandingRow,
      `SELECT c.*, (SELECT count(*) FROM disbursement d WHERE d.status = 'AWAITING_BUDGET' AND d.program_code = c.program_code
                        AND d.fiscal_year = c.fiscal_year AND d.ceiling_region_code = c.region_code) AS waiting_count,
                     (SELECT coalesce(sum(amount), 0) FROM disbursement d WHERE d.status = 'AWAITING_BUDGET' AND d.program_code = c.program_code
                        AND d.fiscal_year = c.fiscal_year AND d.ceiling_region_code = c.region_code) AS waiting_amount
           FROM budget_ceiling c WHERE program_code = $1 AND fiscal_year = $2 AND region_code = $3`,
      keyParams(key),
    );
    return standing;
  }

  /** The regency's ceilings with what waits for each, by programme, year and region. */
  async listInRegency(db: EntityManager, regencyCode: string, filter: CeilingFilter): Promise<BudgetCeilingStanding[]> {
    const params: unknown[] = [regencyCode];
    const where = ['c.regency_code = $1'];
    if (filter.programCode) where.push(`c.program_code = $${params.push(filter.programCode)}`);
    if (filter.fiscalYear !== undefined) where.push(`c.fiscal_year = $${params.push(filter.fiscalYear)}`);
    if (filter.regionCode) {
      const n = params.push(filter.regionCode);
      where.push(`(c.region_code = $${n} OR c.region_code LIKE $${n} || '.%')`);
    }
    return queryRows(
      db,
      StandingRow,
      `SELECT c.*, coalesce(w.count, 0) AS waiting_count, coalesce(w.amount, 0) AS waiting_amount
         FROM budget_ceiling c
         LEFT JOIN (SELECT program_code, fiscal_year, ceiling_region_code, count(*) AS count, sum(amount) AS amount
                      FROM disbursement WHERE status = 'AWAITING_BUDGET'
                     GROUP BY program_code, fiscal_year, ceiling_region_code) w
           ON w.program_code = c.program_code AND w.fiscal_year = c.fiscal_year AND w.ceiling_region_code = c.region_code
        WHERE ${where.join(' AND ')}
        ORDER BY c.program_code, c.fiscal_year, c.region_code`,
      params,
    );
  }

  /** Each ceiling's region and amount, of one programme and year in the regency. */
  async amountsInRegency(
    db: EntityManager,
    programCode: string,
    fiscalYear: number,
    regencyCode: string,
  ): Promise<Array<{ regionCode: string; amount: number }>> {
    const rows = await queryRows(
      db,
      RegionAmountRow,
      'SELECT region_code, amount FROM budget_ceiling WHERE program_code = $1 AND fiscal_year = $2 AND regency_code = $3',
      [programCode, fiscalYear, regencyCode],
    );
    return rows.map((row) => ({ regionCode: row.region_code, amount: row.amount }));
  }
}
