import { Injectable } from '@nestjs/common';
import {
  Actor,
  AnswerOf,
  ConflictError,
  NotFoundError,
  ProgressReportVerifiedV1,
  RequestOf,
  requireRole,
  VerifyProgressReport,
} from '@alur/contracts';
import { Transactions } from '@alur/database';
import { ChangeRecorder } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { DisbursementViews } from '../../disbursements/disbursement-view';
import { DisbursementRepository } from '../../disbursements/disbursement.repository';
import { TrancheProgression } from '../../tranches/tranche-progression.service';
import { progressReportView } from '../progress-report-view';
import { ProgressReportRepository } from '../progress-report.repository';

/**
 * A field verifier (VERIFIKATOR) whose kecamatan or kabupaten covers the village checks a pending
 * report against the site: ACCEPTED, it counts toward the next tranche (and a final one completes
 * the proposal once the last tranche is out); SENT_BACK, with a note saying why, it no longer counts
 * and the BKM reports again. A report is decided once.
 */
@Injectable()
export class VerifyProgressReportUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly disbursements: DisbursementRepository,
    private readonly reports: ProgressReportRepository,
    private readonly views: DisbursementViews,
    private readonly regions: RegionDirectory,
    private readonly changes: ChangeRecorder,
    private readonly progression: TrancheProgression,
  ) {}

  async execute(actor: Actor, request: RequestOf<typeof VerifyProgressReport>): Promise<AnswerOf<typeof VerifyProgressReport>> {
    requireRole(actor, 'VERIFIKATOR');
    // A known decision, and a note to send a report back, are the contract's (VerifyProgressReport).
    return this.transactions.run(async (tx) => {
      // The disbursement's lock first, as reports and releases take it: one decision at a time per proposal.
      const disbursement = await this.disbursements.lockByProgressReport(tx, request.reportId);
      if (!disbursement || !this.regions.covers(actor.regionCode, disbursement.villageCode)) {
        throw new NotFoundError(`Progress report ${request.reportId} not found`);
      }
      if (disbursement.status === 'WITHDRAWN') throw new ConflictError('This proposal was withdrawn');
      const pending = (await this.reports.find(tx, request.reportId))!;
      if (pending.verificationStatus !== 'PENDING') {
        throw new ConflictError(`This progress report was already ${pending.verificationStatus === 'ACCEPTED' ? 'accepted' : 'sent back'}`);
      }
      const row = await this.reports.recordVerification(tx, request.reportId, request.decision, request.note ?? null, actor);
      const report = progressReportView(row, disbursement.proposalId, disbursement.villageCode);
      await this.changes.record(tx, {
        announce: {
          contract: ProgressReportVerifiedV1,
          aggregateId: disbursement.proposalId,
          actor,
          payload: {
            proposalId: disbursement.proposalId,
            disbursementId: disbursement.id,
            villageCode: disbursement.villageCode,
            reportId: row.id,
            decision: request.decision,
            note: request.note ?? null,
            physicalProgressPercent: row.physicalProgressPercent,
            amountSpent: row.amountSpent,
            final: row.final,
            verifiedBy: actor,
            verifiedAt: report.verifiedAt!,
          },
        },
        audit: {
          action: request.decision === 'ACCEPTED' ? 'progress.accepted' : 'progress.sent-back',
          entityType: 'disbursement',
          entityId: disbursement.id,
          fromStatus: 'PENDING',
          toStatus: request.decision,
          after: { reportId: row.id, physicalProgressPercent: row.physicalProgressPercent, note: request.note ?? null },
        },
      });
      if (request.decision === 'ACCEPTED') await this.progression.advance(tx, disbursement, actor);
      return { report, disbursement: await this.views.byId(tx, disbursement.id) };
    });
  }
}
