import { Injectable } from '@nestjs/common';
import { AnswerOf, CheckPublicPhoto, ListPublicProgress, NotFoundError, RequestOf } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { DisbursementRepository } from '../../disbursements/disbursement.repository';
import { ProgressReportRepository } from '../../progress/progress-report.repository';

/**
 * What the transparency page shows of a funded proposal's progress: its ACCEPTED reports only (a report
 * still pending or sent back has not been checked against the works, so it is not published), and
 * nothing of a withdrawn proposal, as the funds report leaves those out.
 */
@Injectable()
export class ListPublicProgressUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly disbursements: DisbursementRepository,
    private readonly reports: ProgressReportRepository,
  ) {}

  async ofProposal({ proposalId }: RequestOf<typeof ListPublicProgress>): Promise<AnswerOf<typeof ListPublicProgress>> {
    const db = this.transactions.manager;
    const fundedId = await this.disbursements.fundedIdOf(db, proposalId);
    if (!fundedId) throw new NotFoundError(`Proposal ${proposalId} is not a funded proposal`);
    return { items: await this.reports.acceptedForPublic(db, fundedId) };
  }

  /** Whether an uploaded photo belongs to an accepted report of a proposal still funded: only such a photo is public. */
  async isPublicPhoto({ photoId }: RequestOf<typeof CheckPublicPhoto>): Promise<AnswerOf<typeof CheckPublicPhoto>> {
    return { public: await this.reports.isPublicPhoto(this.transactions.manager, `/api/v1/uploads/photos/${photoId}`) };
  }
}
