import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import {
  Actor,
  ActorSchema,
  PROGRESS_VERIFICATION_STATUSES,
  ProgressVerificationStatus,
  PublicProgressReport,
  ReportedPhotoSchema,
} from '@alur/contracts';
import { jsonField, queryRows, rupiahField, updateRows } from '@alur/database';
import { RegionScope } from '../disbursements/disbursement.repository';
import { ProgressReport } from './domain/progress-report';

const ReportColumns = z.object({
  id: z.string(),
  disbursement_id: z.string(),
  physical_progress_percent: z.number().int(),
  amount_spent: rupiahField,
  note: z.string(),
  photos: jsonField(z.array(ReportedPhotoSchema)),
  final: z.boolean(),
  reported_by: jsonField(ActorSchema),
  reported_at: z.date(),
  verification_status: z.enum(PROGRESS_VERIFICATION_STATUSES),
  verification_note: z.string().nullable(),
  verified_by: jsonField(ActorSchema).nullable(),
  verified_at: z.date().nullable(),
});

const toReport = (row: z.output<typeof ReportColumns>): ProgressReport => ({
  id: row.id,
  disbursementId: row.disbursement_id,
  physicalProgressPercent: row.physical_progress_percent,
  amountSpent: row.amount_spent,
  note: row.note,
  photos: row.photos,
  final: row.final,
  reportedBy: row.reported_by,
  reportedAt: row.reported_at,
  verificationStatus: row.verification_status,
  verificationNote: row.verification_note,
  verifiedBy: row.verified_by,
  verifiedAt: row.verified_at,
});

const ReportRow = ReportColumns.transform(toReport);

/** A report with the disbursement it belongs to, as a region's list shows it. */
export interface ListedProgressReport extends ProgressReport {
  proposalId: string;
  title: string;
  programCode: string;
  villageCode: string;
  districtCode: string;
  amount: number;
  released: number;
  selfHelpAmount: number | null;
}

const ListedRow = ReportColumns.extend({
  proposal_id: z.string(),
  title: z.string(),
  program_code: z.string(),
  village_code: z.string(),
  district_code: z.string(),
  amount: rupiahField,
  released: rupiahField,
  self_help_amount: rupiahField.nullable(),
}).transform((row): ListedProgressReport => ({
  ...toReport(row),
  proposalId: row.proposal_id,
  title: row.title,
  programCode: row.program_code,
  villageCode: row.village_code,
  districtCode: row.district_code,
  amount: row.amount,
  released: row.released,
  selfHelpAmount: row.self_help_amount,
}));

/** A report as the BKM sends it: the verifier's part comes later. */
export type NewProgressReport = Omit<ProgressReport, 'verificationStatus' | 'verificationNote' | 'verifiedBy' | 'verifiedAt'>;

export interface ProgressReportFilter {
  proposalId?: string;
  verificationStatus?: ProgressVerificationStatus;
  limit: number;
  offset: number;
}

const PublicRow = z
  .object({
    physical_progress_percent: z.number().int(),
    note: z.string(),
    reported_at: z.date(),
    verified_at: z.date().nullable(),
    final: z.boolean(),
    photos: jsonField(z.array(ReportedPhotoSchema)),
  })
  .transform((row): PublicProgressReport => ({
    physicalProgressPercent: row.physical_progress_percent,
    note: row.note,
    reportedAt: row.reported_at.toISOString(),
    verifiedAt: row.verified_at?.toISOString() ?? null,
    final: row.final,
    photos: row.photos,
  }));

/** The newest report that still counts: what a new claim may not go below. */
const CountingReportRow = z.object({ physical_progress_percent: z.number().int(), amount_spent: rupiahField });

/** The highest accepted progress and whether an accepted final report is in (both null when none is accepted). */
const AcceptedProgressRow = z.object({ highest: z.number().int().nullable(), has_final: z.boolean().nullable() });

const HighestAcceptedRow = z.object({ disbursement_id: z.string(), percent: z.number().int() });

const ReportCountRow = z.object({ total: z.number().int() });

const Found = z.object({});

/** Progress reports of disbursements and their verification. Only ACCEPTED reports count toward tranches and are public. */
@Injectable()
export class ProgressReportRepository {
  async add(tx: EntityManager, report: NewProgressReport): Promise<ProgressReport> {
    const [added] = await queryRows(
      tx,
      ReportRow,
      `INSERT INTO progress_report (id, disbursement_id, physical_progress_percent, amount_spent, note, photos, final, reported_by, reported_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      [
        report.id,
        report.disbursementId,
        report.physicalProgressPercent,
        String(report.amountSpent),
        report.note,
        JSON.stringify(report.photos),
        report.final,
        JSON.stringify(report.reportedBy),
        report.reportedAt,
      ],
    );
    return added;
  }

  async find(tx: EntityManager, id: string): Promise<ProgressReport | undefined> {
    const [report] = await queryRows(tx, ReportRow, 'SELECT * FROM progress_report WHERE id = $1', [id]);
    return report;
  }

  async recordVerification(
    tx: EntityManager,
    id: string,
    decision: ProgressVerificationStatus,
    note: string | null,
    verifiedBy: Actor,
  ): Promise<ProgressReport> {
    const [verified] = await updateRows(
      tx,
      ReportRow,
      `UPDATE progress_report SET verification_status = $2, verification_note = $3, verified_by = $4, verified_at = now()
          WHERE id = $1 RETURNING *`,
      [id, decision, note, JSON.stringify(verifiedBy)],
    );
    return verified;
  }

  /** The newest report that still counts (not sent back): a new claim may not go below it. */
  async latestCounting(
    tx: EntityManager,
    disbursementId: string,
  ): Promise<{ physicalProgressPercent: number; amountSpent: number } | undefined> {
    const [previous] = await queryRows(
      tx,
      CountingReportRow,
      `SELECT physical_progress_percent, amount_spent FROM progress_report
        WHERE disbursement_id = $1 AND verification_status <> 'SENT_BACK' ORDER BY seq DESC LIMIT 1`,
      [disbursementId],
    );
    return previous && { physicalProgressPercent: previous.physical_progress_percent, amountSpent: previous.amount_spent };
  }

  /** The highest accepted progress, and whether an accepted final report is in. */
  async acceptedProgress(tx: EntityManager, disbursementId: string): Promise<{ highest: number | null; hasFinal: boolean | null }> {
    const [progress] = await queryRows(
      tx,
      AcceptedProgressRow,
      `SELECT max(physical_progress_percent) AS highest, bool_or(final) AS has_final FROM progress_report WHERE disbursement_id = $1 AND verification_status = 'ACCEPTED'`,
      [disbursementId],
    );
    return { highest: progress.highest, hasFinal: progress.has_final };
  }

  /** The highest accepted progress of each disbursement that has an accepted report. */
  async highestAcceptedOf(db: EntityManager, disbursementIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await queryRows(
      db,
      HighestAcceptedRow,
      `SELECT disbursement_id, max(physical_progress_percent) AS percent FROM progress_report WHERE disbursement_id = ANY($1) AND verification_status = 'ACCEPTED' GROUP BY disbursement_id`,
      [disbursementIds],
    );
    return new Map(rows.map((row) => [row.disbursement_id, row.percent]));
  }

  /**
   * A page of the reports within the scope, and how many match in all: newest first, but a verifier's
   * queue (PENDING) oldest first, since the tranche waiting on the oldest report has waited longest.
   */
  async page(
    db: EntityManager,
    scope: RegionScope,
    filter: ProgressReportFilter,
  ): Promise<{ items: ListedProgressReport[]; total: number }> {
    const params: unknown[] = [scope.regionCode];
    const where = [`d.${scope.column} = $1`];
    if (filter.proposalId) where.push(`d.proposal_id = $${params.push(filter.proposalId)}`);
    if (filter.verificationStatus) where.push(`r.verification_status = $${params.push(filter.verificationStatus)}`);
    const order = filter.verificationStatus === 'PENDING' ? 'ASC' : 'DESC';
    const from = `FROM progress_report r JOIN disbursement d ON d.id = r.disbursement_id LEFT JOIN proposal_submission s ON s.proposal_id = d.proposal_id
      WHERE ${where.join(' AND ')}`;
    const [{ total }] = await queryRows(db, ReportCountRow, `SELECT count(*)::int AS total ${from}`, params);
    const items = await queryRows(
      db,
      ListedRow,
      `SELECT r.*, d.proposal_id, d.title, d.program_code, d.village_code, d.district_code, d.amount, d.released, s.self_help_amount
       ${from} ORDER BY r.seq ${order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { items, total };
  }

  /** The disbursement's accepted reports as the public sees them, newest first. */
  async acceptedForPublic(db: EntityManager, disbursementId: string): Promise<PublicProgressReport[]> {
    return queryRows(
      db,
      PublicRow,
      `SELECT physical_progress_percent, note, reported_at, verified_at, final, photos
         FROM progress_report WHERE disbursement_id = $1 AND verification_status = 'ACCEPTED' ORDER BY seq DESC`,
      [disbursementId],
    );
  }

  /** Whether a photo reference belongs to an accepted report of a proposal not withdrawn. */
  async isPublicPhoto(db: EntityManager, photoUrl: string): Promise<boolean> {
    const [row] = await queryRows(
      db,
      Found,
      `SELECT 1 FROM progress_report r JOIN disbursement d ON d.id = r.disbursement_id
        WHERE r.verification_status = 'ACCEPTED' AND d.status <> 'WITHDRAWN' AND r.photos @> $1::jsonb LIMIT 1`,
      [JSON.stringify([{ url: photoUrl }])],
    );
    return row !== undefined;
  }
}
