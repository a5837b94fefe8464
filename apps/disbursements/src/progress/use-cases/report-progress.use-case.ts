import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_ENV, BaseEnv } from '@alur/config';
import {
  Actor,
  AnswerOf,
  ConflictError,
  InvalidInputError,
  NotFoundError,
  ProgressReportedV1,
  ReportProgress,
  RequestOf,
  requireRole,
} from '@alur/contracts';
import { Transactions } from '@alur/database';
import { ChangeRecorder } from '@alur/messaging';
import { villageLocationOf } from '@alur/regions';
import { Disbursement } from '../../disbursements/domain/disbursement';
import { DisbursementViews } from '../../disbursements/disbursement-view';
import { DisbursementRepository } from '../../disbursements/disbursement.repository';
import { ProgrammeVersionRepository } from '../../programmes/programme-version.repository';
import { checkPhoto } from '../domain/photo-flags';
import { progressReportView, ReportedPhoto } from '../progress-report-view';
import { ProgressReportRepository } from '../progress-report.repository';
import { progressClaimErrors, ProgressStanding } from '../domain/progress-rules';
import { ProposalSubmissionRepository } from '../../proposal-submissions/proposal-submission.repository';

export { MAX_REPORT_PHOTOS } from '@alur/contracts';

/**
 * The BKM of the proposal's village reports physical progress and money spent. A report at 100% is
 * the final accountability report (LPJ). It waits for a field verifier (VERIFIKATOR): only an
 * accepted report unlocks the next tranche or completes the proposal (VerifyProgressReportUseCase).
 */
@Injectable()
export class ReportProgressUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly disbursements: DisbursementRepository,
    private readonly reports: ProgressReportRepository,
    private readonly submissions: ProposalSubmissionRepository,
    private readonly programmes: ProgrammeVersionRepository,
    private readonly views: DisbursementViews,
    private readonly changes: ChangeRecorder,
    @Inject(APP_ENV) private readonly env: BaseEnv,
  ) {}

  async execute(actor: Actor, request: RequestOf<typeof ReportProgress>): Promise<AnswerOf<typeof ReportProgress>> {
    requireRole(actor, 'BKM');
    // The report's shape (percent, whole rupiah, up to 10 photo references) is the contract's; what needs the earlier reports is checked below.
    return this.transactions.run(async (tx) => {
      const disbursement = await this.disbursements.lockByProposal(tx, request.proposalId);
      // Another village's proposal is as good as absent: its existence is not revealed.
      if (!disbursement || disbursement.villageCode !== actor.regionCode) {
        throw new NotFoundError(`Proposal ${request.proposalId} has no disbursement to report on`);
      }
      if (disbursement.status === 'AWAITING_BUDGET') {
        throw new ConflictError('This proposal is still waiting for budget: report progress once it is funded');
      }
      if (disbursement.status === 'COMPLETED') throw new ConflictError('This proposal is already completed');
      if (disbursement.status === 'WITHDRAWN') throw new ConflictError('This proposal was withdrawn');

      // Checked under the disbursement's lock, so two reports sent at once are judged one after the other.
      const errors = progressClaimErrors(
        { physicalProgressPercent: request.physicalProgressPercent, amountSpent: request.amountSpent, photoCount: request.photos.length },
        await this.standingOf(tx, disbursement),
      );
      if (errors.length) throw new InvalidInputError(errors);

      const id = randomUUID();
      // Flagged for the verifier, never refused: a photo far from the village or long before the report.
      const reportedAt = new Date();
      const village = villageLocationOf(disbursement.villageCode);
      const limits = { maxDistanceKm: this.env.PHOTO_MAX_DISTANCE_KM, maxAgeDays: this.env.PHOTO_MAX_AGE_DAYS };
      const photos: ReportedPhoto[] = request.photos.map((photo) => ({
        ...photo,
        check: checkPhoto(photo.capture, village, reportedAt, limits),
      }));
      const final = request.physicalProgressPercent === 100;
      const added = await this.reports.add(tx, {
        id,
        disbursementId: disbursement.id,
        physicalProgressPercent: request.physicalProgressPercent,
        amountSpent: request.amountSpent,
        note: request.note,
        photos,
        final,
        reportedBy: actor,
        reportedAt,
      });
      const report = progressReportView(added, disbursement.proposalId, disbursement.villageCode);
      await this.changes.record(tx, {
        announce: {
          contract: ProgressReportedV1,
          aggregateId: disbursement.proposalId,
          actor,
          payload: {
            proposalId: disbursement.proposalId,
            disbursementId: disbursement.id,
            reportId: id,
            villageCode: disbursement.villageCode,
            physicalProgressPercent: request.physicalProgressPercent,
            amountSpent: request.amountSpent,
            final,
            reportedAt: report.reportedAt,
          },
        },
        audit: {
          action: final ? 'progress.final-reported' : 'progress.reported',
          entityType: 'disbursement',
          entityId: disbursement.id,
          toStatus: 'PENDING',
          after: {
            reportId: id,
            physicalProgressPercent: request.physicalProgressPercent,
            amountSpent: request.amountSpent,
            photos: request.photos.length,
          },
        },
      });
      return { report, disbursement: await this.views.byId(tx, disbursement.id) };
    });
  }

  private async standingOf(tx: EntityManager, disbursement: Disbursement): Promise<ProgressStanding> {
    const previous = await this.reports.latestCounting(tx, disbursement.id);
    const selfHelpAmount = await this.submissions.selfHelpOf(tx, disbursement.proposalId);
    const photosRequired = await this.programmes.photosRequired(tx, disbursement.programCode, disbursement.programVersion);
    return {
      previous: previous ?? null,
      released: disbursement.released,
      // Unknown only if the submission was never heard of here: then no swadaya is assumed, the stricter reading.
      selfHelpAmount: selfHelpAmount ?? 0,
      photosRequired,
    };
  }
}
