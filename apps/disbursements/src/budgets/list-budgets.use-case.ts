import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, AnswerOf, ListBudgets, RequestOf } from '@alur/contracts';
import { RegionDirectory } from '@alur/regions';
import { CeilingRow } from './budget-commitment.service';
import { toBudgetView } from './budget-view';
import { requireRole } from '@alur/messaging';

export type ListBudgetsRequest = RequestOf<typeof ListBudgets>;

/** Ceilings of the caller's kabupaten, for ADMIN and BPKAD. */
@Injectable()
export class ListBudgetsUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionDirectory,
  ) {}

  async execute(actor: Actor, filter: ListBudgetsRequest): Promise<AnswerOf<typeof ListBudgets>> {
    requireRole(actor, 'ADMIN', 'BPKAD');
    const params: unknown[] = [actor.regionCode];
    const where = ['c.regency_code = $1'];
    if (filter.programCode) where.push(`c.program_code = $${params.push(filter.programCode)}`);
    if (filter.year !== undefined) where.push(`c.fiscal_year = $${params.push(filter.year)}`);
    if (filter.regionCode) {
      const n = params.push(filter.regionCode);
      where.push(`(c.region_code = $${n} OR c.region_code LIKE $${n} || '.%')`);
    }
    const rows = (await this.dataSource.query(
      `SELECT c.*, coalesce(w.count, 0) AS waiting_count, coalesce(w.amount, 0) AS waiting_amount
         FROM budget_ceiling c
         LEFT JOIN (SELECT program_code, fiscal_year, ceiling_region_code, count(*) AS count, sum(amount) AS amount
                      FROM disbursement WHERE status = 'AWAITING_BUDGET'
                     GROUP BY program_code, fiscal_year, ceiling_region_code) w
           ON w.program_code = c.program_code AND w.fiscal_year = c.fiscal_year AND w.ceiling_region_code = c.region_code
        WHERE ${where.join(' AND ')}
        ORDER BY c.program_code, c.fiscal_year, c.region_code`,
      params,
    )) as Array<CeilingRow & { waiting_count: string; waiting_amount: string }>;
    return { items: rows.map((row) => toBudgetView(row, this.regions.get(row.region_code)?.name ?? null)) };
  }
}
