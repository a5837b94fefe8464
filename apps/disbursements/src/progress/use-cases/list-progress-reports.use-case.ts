import { Injectable } from '@nestjs/common';
import {
  Actor,
  AnswerOf,
  ListProgressReports,
  ListProposalProgressReports,
  NotFoundError,
  pageFields,
  RequestOf,
  sliceOf,
} from '@alur/contracts';
import { Transactions } from '@alur/database';
import { RegionDirectory } from '@alur/regions';
import { regionScopeColumn } from '../../common/region-scope';
import { DisbursementRepository, RegionScope } from '../../disbursements/disbursement.repository';
import { progressReportView } from '../progress-report-view';
import { ProgressReportRepository } from '../progress-report.repository';

export type ProgressReportPage = AnswerOf<typeof ListProgressReports>;

/**
 * Progress reports within the caller's region: a Verifikator's queue (PENDING, oldest first), and a
 * proposal's reports with their verification, newest first, for its BKM and the officials who may see it.
 */
@Injectable()
export class ListProgressReportsUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly disbursements: DisbursementRepository,
    private readonly reports: ProgressReportRepository,
    private readonly regions: RegionDirectory,
  ) {}

  /**
   * One proposal's reports. A proposal the caller does not see funded (another region's, or one
   * without a disbursement) answers 404, as reporting on it does, so its existence is not revealed.
   */
  async ofProposal(actor: Actor, filter: RequestOf<typeof ListProposalProgressReports>): Promise<ProgressReportPage> {
    const { proposalId } = filter;
    if (!(await this.disbursements.isVisible(this.transactions.manager, proposalId, this.scopeOf(actor)))) {
      throw new NotFoundError(`Proposal ${proposalId} has no disbursement to report on`);
    }
    return this.execute(actor, filter);
  }

  async execute(actor: Actor, filter: RequestOf<typeof ListProgressReports>): Promise<ProgressReportPage> {
    const slice = sliceOf(filter);
    const { items, total } = await this.reports.page(this.transactions.manager, this.scopeOf(actor), { ...filter, ...slice });
    return {
      items: items.map((listed) => ({
        ...progressReportView(listed, listed.proposalId, listed.villageCode),
        disbursementId: listed.disbursementId,
        title: listed.title,
        programCode: listed.programCode,
        villageCode: listed.villageCode,
        districtCode: listed.districtCode,
        amount: listed.amount,
        released: listed.released,
        selfHelpAmount: listed.selfHelpAmount,
      })),
      total,
      ...pageFields(slice),
    };
  }

  private scopeOf(actor: Actor): RegionScope {
    return { column: regionScopeColumn(this.regions, actor.regionCode), regionCode: actor.regionCode };
  }
}
