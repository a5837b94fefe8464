import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, AnswerOf, ListProgressReports, ListProposalProgressReports, NotFoundError, RequestOf } from '@alur/contracts';
import { rupiahOf } from '@alur/database';
import { RegionDirectory } from '@alur/regions';
import { regionScopeColumn } from '../common/region-scope';
import { progressReportView, ProgressReportRow } from './progress-report-view';

export type ProgressReportPage = AnswerOf<typeof ListProgressReports>;

/**
 * Progress reports within the caller's region, newest first: a Verifikator's queue (PENDING), and a
 * proposal's reports with their verification, for its BKM and the officials who may see it.
 */
@Injectable()
export class ListProgressReportsUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionDirectory,
  ) {}

  /**
   * One proposal's reports. A proposal the caller does not see funded (another region's, or one
   * without a disbursement) answers 404, as reporting on it does, so its existence is not revealed.
   */
  async ofProposal(actor: Actor, filter: RequestOf<typeof ListProposalProgressReports>): Promise<ProgressReportPage> {
    const { proposalId } = filter;
    const [visible] = (await this.dataSource.query(
      `SELECT 1 FROM disbursement WHERE proposal_id = $1 AND ${regionScopeColumn(this.regions, actor.regionCode)} = $2`,
      [proposalId, actor.regionCode],
    )) as unknown[];
    if (!visible) throw new NotFoundError(`Proposal ${proposalId} has no disbursement to report on`);
    return this.execute(actor, filter);
  }

  async execute(actor: Actor, filter: RequestOf<typeof ListProgressReports>): Promise<ProgressReportPage> {
    const params: unknown[] = [actor.regionCode];
    const where = [`d.${regionScopeColumn(this.regions, actor.regionCode)} = $1`];
    if (filter.proposalId) where.push(`d.proposal_id = $${params.push(filter.proposalId)}`);
    if (filter.verificationStatus) where.push(`r.verification_status = $${params.push(filter.verificationStatus)}`);
    const from = `FROM progress_report r JOIN disbursement d ON d.id = r.disbursement_id LEFT JOIN proposal_self_help s ON s.proposal_id = d.proposal_id
      WHERE ${where.join(' AND ')}`;
    const [{ total }] = (await this.dataSource.query(`SELECT count(*)::int AS total ${from}`, params)) as Array<{ total: number }>;
    const rows = (await this.dataSource.query(
      `SELECT r.*, d.proposal_id, d.title, d.program_code, d.village_code, d.district_code, d.amount, d.released, s.self_help_amount
       ${from} ORDER BY r.seq DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    )) as Array<
      ProgressReportRow & {
        proposal_id: string;
        title: string;
        program_code: string;
        village_code: string;
        district_code: string;
        amount: string;
        released: string;
        self_help_amount: string | null;
      }
    >;
    const items = rows.map((row) => ({
      ...progressReportView(row, row.proposal_id, row.village_code),
      disbursementId: row.disbursement_id,
      title: row.title,
      programCode: row.program_code,
      villageCode: row.village_code,
      districtCode: row.district_code,
      amount: rupiahOf(row.amount),
      released: rupiahOf(row.released),
      selfHelpAmount: row.self_help_amount === null ? null : rupiahOf(row.self_help_amount),
    }));
    return { items, total, limit: filter.limit, offset: filter.offset };
  }
}
