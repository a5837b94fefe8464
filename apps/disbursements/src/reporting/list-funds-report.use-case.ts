import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { rupiahOf } from '@alur/database';
import { DisbursementRow } from '../disbursements/disbursement-row';
import { AnswerOf, ListFundsReport, RequestOf } from '@alur/contracts';

/**
 * Every finally approved proposal with what is committed, released and built, for the public
 * transparency page (no caller needed: it is public information about public money) and the
 * regency dashboard. Read-only.
 */
@Injectable()
export class ListFundsReportUseCase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(filter: RequestOf<typeof ListFundsReport>): Promise<AnswerOf<typeof ListFundsReport>> {
    const params: unknown[] = [];
    // A withdrawn proposal's released commitment is no longer public money at work.
    const where: string[] = [`d.status <> 'WITHDRAWN'`];
    if (filter.regionCode) {
      const n = params.push(filter.regionCode);
      where.push(`(d.village_code = $${n} OR d.district_code = $${n} OR d.regency_code = $${n} OR d.regency_code LIKE $${n} || '.%')`);
    }
    if (filter.fiscalYear !== undefined) where.push(`d.fiscal_year = $${params.push(filter.fiscalYear)}`);
    const rows = (await this.dataSource.query(
      `SELECT d.*, p.percent
         FROM disbursement d
         LEFT JOIN (SELECT disbursement_id, max(physical_progress_percent) AS percent FROM progress_report WHERE verification_status = 'ACCEPTED' GROUP BY disbursement_id) p
           ON p.disbursement_id = d.id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY d.district_code, d.village_code, d.approved_at`,
      params,
    )) as Array<DisbursementRow & { percent: number | null }>;
    return {
      items: rows.map((row) => ({
        proposalId: row.proposal_id,
        title: row.title,
        programCode: row.program_code,
        fiscalYear: row.fiscal_year,
        villageCode: row.village_code,
        districtCode: row.district_code,
        regencyCode: row.regency_code,
        amount: rupiahOf(row.amount),
        committed: row.committed_at ? rupiahOf(row.amount) : 0,
        released: rupiahOf(row.released),
        status: row.status,
        progressPercent: row.percent ?? null,
        approvedAt: row.approved_at.toISOString(),
      })),
    };
  }
}
