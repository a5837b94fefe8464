import { Injectable } from '@nestjs/common';
import { Actor, AnswerOf, ListDisbursements, pageFields, RequestOf, sliceOf } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { RegionDirectory } from '@alur/regions';
import { regionScopeColumn } from '../../common/region-scope';
import { DisbursementViews } from '../disbursement-view';
import { DisbursementRepository } from '../disbursement.repository';

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
    private readonly transactions: Transactions,
    private readonly disbursements: DisbursementRepository,
    private readonly views: DisbursementViews,
    private readonly regions: RegionDirectory,
  ) {}

  async execute(actor: Actor, filter: ListDisbursementsRequest): Promise<DisbursementPage> {
    // The filters' shapes and the paging limits are the contract's (ListDisbursements), checked before this runs.
    const scope = { column: regionScopeColumn(this.regions, actor.regionCode), regionCode: actor.regionCode };
    const slice = sliceOf(filter);
    // One snapshot for the page, its count, tranches and progress: they agree, and cost one commit rather than four.
    return this.transactions.run(async (db) => {
      const { items, total } = await this.disbursements.page(db, scope, { ...filter, ...slice });
      return { items: await this.views.of(db, items), total, ...pageFields(slice) };
    }, 'REPEATABLE READ');
  }
}
