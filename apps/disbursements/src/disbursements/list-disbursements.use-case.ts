import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, AnswerOf, ListDisbursements, RequestOf } from '@alur/contracts';
import { RegionDirectory } from '@alur/regions';
import { regionScopeColumn } from '../common/region-scope';
import { DisbursementRow } from './disbursement-row';
import { disbursementViews } from './disbursement-view';

export type ListDisbursementsRequest = RequestOf<typeof ListDisbursements>;
export type DisbursementPage = AnswerOf<typeof ListDisbursements>;

/**
 * Disbursements with their tranches, within the caller's region: the kabupaten for regency officials,
 * a kecamatan for a Camat, a village for its BKM and Lurah, and for a Verifikator the kecamatan or
 * kabupaten they hold.
 */
@Injectable()
export class ListDisbursementsUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionDirectory,
  ) {}

  async execute(actor: Actor, filter: ListDisbursementsRequest): Promise<DisbursementPage> {
    // The filters' shapes and the paging limits are the contract's (ListDisbursements), checked before this runs.
    const params: unknown[] = [actor.regionCode];
    const where = [`${regionScopeColumn(this.regions, actor.regionCode)} = $1`];
    if (filter.status) where.push(`status = $${params.push(filter.status)}`);
    if (filter.programCode) where.push(`program_code = $${params.push(filter.programCode)}`);
    if (filter.fiscalYear !== undefined) where.push(`fiscal_year = $${params.push(filter.fiscalYear)}`);
    if (filter.proposalId) where.push(`proposal_id = $${params.push(filter.proposalId)}`);
    if (filter.regionCode) {
      const n = params.push(filter.regionCode);
      where.push(`(village_code = $${n} OR district_code = $${n} OR regency_code = $${n})`);
    }
    const [{ total }] = (await this.dataSource.query(`SELECT count(*)::int AS total FROM disbursement WHERE ${where.join(' AND ')}`, params)) as Array<{
      total: number;
    }>;
    const rows = (await this.dataSource.query(
      `SELECT * FROM disbursement WHERE ${where.join(' AND ')} ORDER BY approved_at DESC, arrival DESC
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    )) as DisbursementRow[];
    return { items: await disbursementViews(this.dataSource.manager, rows), total, limit: filter.limit, offset: filter.offset };
  }
}
