import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { CarryOverItem, DISBURSEMENT_STATUSES, FundsReportItem, TRANCHE_STATUSES } from '@alur/contracts';
import { queryRows, rupiahField } from '@alur/database';

export interface FundsReportFilter {
  regionCode?: string;
  fiscalYear?: number;
}

/** A disbursement of a programme's year, as the pilot evaluation weighs it. */
export interface DisbursementOutcome {
  villageCode: string;
  status: string;
  amount: number;
  released: number;
  committedAt: Date | null;
  completedAt: Date | null;
  /** The highest accepted progress, 0 without an accepted report. */
  percent: number;
}

const FundsReportRow = z
  .object({
    proposal_id: z.string(),
    title: z.string(),
    program_code: z.string(),
    programme_name: z.string(),
    fiscal_year: z.number().int(),
    village_code: z.string(),
    district_code: z.string(),
    regency_code: z.string(),
    amount: rupiahField,
    released: rupiahField,
    status: z.enum(DISBURSEMENT_STATUSES),
    approved_at: z.date(),
    committed_at: z.date().nullable(),
    percent: z.number().int().nullable(),
  })
  .transform((row): FundsReportItem => ({
    proposalId: row.proposal_id,
    title: row.title,
    programCode: row.program_code,
    programmeName: row.programme_name,
    fiscalYear: row.fiscal_year,
    villageCode: row.village_code,
    districtCode: row.district_code,
    regencyCode: row.regency_code,
    amount: row.amount,
    committed: row.committed_at ? row.amount : 0,
    released: row.released,
    status: row.status,
    progressPercent: row.percent ?? null,
    approvedAt: row.approved_at.toISOString(),
  }));

const CarryOverRow = z
  .object({
    proposal_id: z.string(),
    disbursement_id: z.string(),
    title: z.string(),
    program_code: z.string(),
    village_code: z.string(),
    district_code: z.string(),
    number: z.number().int(),
    status: z.enum(TRANCHE_STATUSES),
    amount: rupiahField,
  })
  .transform((row): CarryOverItem => ({
    proposalId: row.proposal_id,
    disbursementId: row.disbursement_id,
    title: row.title,
    programCode: row.program_code,
    villageCode: row.village_code,
    districtCode: row.district_code,
    trancheNumber: row.number,
    trancheStatus: row.status,
    amount: row.amount,
  }));

const OutcomeRow = z
  .object({
    village_code: z.string(),
    status: z.string(),
    amount: rupiahField,
    released: rupiahField,
    committed_at: z.date().nullable(),
    completed_at: z.date().nullable(),
    percent: z.number().int(),
  })
  .transform((row): DisbursementOutcome => ({
    villageCode: row.village_code,
    status: row.status,
    amount: row.amount,
    released: row.released,
    committedAt: row.committed_at,
    completedAt: row.completed_at,
    percent: row.percent,
  }));

/** Read-only figures over disbursements, tranches and accepted progress: the public funds report, the carry-over and the pilot evaluation. */
@Injectable()
export class ReportingRepository {
  /** Every disbursement not withdrawn (a withdrawn proposal's released commitment is no longer public money at work), by place and approval. */
  async fundsReport(db: EntityManager, filter: FundsReportFilter): Promise<FundsReportItem[]> {
    const params: unknown[] = [];
    const where: string[] = [`d.status <> 'WITHDRAWN'`];
    if (filter.regionCode) {
      const n = params.push(filter.regionCode);
      where.push(`(d.village_code = $${n} OR d.district_code = $${n} OR d.regency_code = $${n} OR d.regency_code LIKE $${n} || '.%')`);
    }
    if (filter.fiscalYear !== undefined) where.push(`d.fiscal_year = $${params.push(filter.fiscalYear)}`);
    return queryRows(
      db,
      FundsReportRow,
      `SELECT d.*, n.programme_name, p.percent
         FROM disbursement d
         -- A programme is named by its latest version, as the console names it (a disbursement's own version always exists).
         JOIN (SELECT DISTINCT ON (code) code, definition->>'name' AS programme_name FROM programme_version ORDER BY code, version DESC) n
           ON n.code = d.program_code
         LEFT JOIN (SELECT disbursement_id, max(physical_progress_percent) AS percent FROM progress_report WHERE verification_status = 'ACCEPTED' GROUP BY disbursement_id) p
           ON p.disbursement_id = d.id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY d.district_code, d.village_code, d.approved_at`,
      params,
    );
  }

  /** Every committed tranche of the regency's year not yet released, of disbursements still being funded. */
  async carryOver(db: EntityManager, regencyCode: string, fiscalYear: number, programCode?: string): Promise<CarryOverItem[]> {
    const params: unknown[] = [regencyCode, fiscalYear];
    const byProgramme = programCode ? `AND d.program_code = $${params.push(programCode)}` : '';
    return queryRows(
      db,
      CarryOverRow,
      `SELECT d.proposal_id, d.id AS disbursement_id, d.title, d.program_code, d.village_code, d.district_code, t.number, t.status, t.amount
         FROM disbursement d JOIN tranche t ON t.disbursement_id = d.id
        WHERE d.regency_code = $1 AND d.fiscal_year = $2 AND d.status = 'FUNDING' AND t.status IN ('LOCKED', 'READY', 'PREPARED') ${byProgramme}
        ORDER BY d.program_code, d.district_code, d.village_code, d.approved_at, t.number`,
      params,
    );
  }

  /** The regency's disbursements of a programme's year, withdrawn ones left out, with their accepted progress. */
  async outcomes(db: EntityManager, programCode: string, fiscalYear: number, regencyCode: string): Promise<DisbursementOutcome[]> {
    return queryRows(
      db,
      OutcomeRow,
      `SELECT d.village_code, d.status, d.amount, d.released, d.committed_at, d.completed_at, coalesce(p.percent, 0) AS percent
         FROM disbursement d
         LEFT JOIN (SELECT disbursement_id, max(physical_progress_percent) AS percent FROM progress_report
                     WHERE verification_status = 'ACCEPTED' GROUP BY disbursement_id) p ON p.disbursement_id = d.id
        WHERE d.program_code = $1 AND d.fiscal_year = $2 AND d.regency_code = $3 AND d.status <> 'WITHDRAWN'`,
      [programCode, fiscalYear, regencyCode],
    );
  }
}
