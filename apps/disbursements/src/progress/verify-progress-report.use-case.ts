import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { Actor, AnswerOf, ConflictError, NotFoundError, ProgressReportVerifiedV1, RequestOf, VerifyProgressReport } from '@alur/contracts';
import { rupiahOf } from '@alur/database';
import { OutboxService, requireRole } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { updateReturning } from '../common/update-returning';
import { DisbursementRow } from '../disbursements/disbursement-row';
import { disbursementView } from '../disbursements/disbursement-view';
import { TrancheProgression } from '../tranches/tranche-progression.service';
import { progressReportView, ProgressReportRow } from './progress-report-view';

/**
 * A field verifier (VERIFIKATOR) whose kecamatan or kabupaten covers the village checks a pending
 * report against the site: ACCEPTED, it counts toward the next tranche (and a final one completes
 * the proposal once the last tranche is out); SENT_BACK, with a note saying why, it no longer counts
 * and the BKM reports again. A report is decided once.
 */
@Injectable()
export class VerifyProgressReportUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionDirectory,
    private readonly outbox: OutboxService,
    private readonly audit: AuditTrail,
    private readonly progression: TrancheProgression,
  ) {}

  async execute(actor: Actor, request: RequestOf<typeof VerifyProgressReport>): Promise<AnswerOf<typeof VerifyProgressReport>> {
    requireRole(actor, 'VERIFIKATOR');
    // A known decision, and a note to send a report back, are the contract's (VerifyProgressReport).
    return this.dataSource.transaction(async (tx) => {
      // The disbursement's lock first, as reports and releases take it: one decision at a time per proposal.
      const [disbursement] = (await tx.query(
        `SELECT d.* FROM disbursement d JOIN progress_report r ON r.disbursement_id = d.id WHERE r.id = $1 FOR UPDATE OF d`,
        [request.reportId],
      )) as DisbursementRow[];
      if (!disbursement || !this.regions.covers(actor.regionCode, disbursement.village_code)) {
        throw new NotFoundError(`Progress report ${request.reportId} not found`);
      }
      if (disbursement.status === 'WITHDRAWN') throw new ConflictError('This proposal was withdrawn');
      const [pending] = (await tx.query('SELECT * FROM progress_report WHERE id = $1', [request.reportId])) as ProgressReportRow[];
      if (pending.verification_status !== 'PENDING') {
        throw new ConflictError(`This progress report was already ${pending.verification_status === 'ACCEPTED' ? 'accepted' : 'sent back'}`);
      }
      const [row] = await updateReturning<ProgressReportRow>(
        tx,
        `UPDATE progress_report SET verification_status = $2, verification_note = $3, verified_by = $4, verified_at = now()
          WHERE id = $1 RETURNING *`,
        [request.reportId, request.decision, request.note ?? null, JSON.stringify(actor)],
      );
      const report = progressReportView(row, disbursement.proposal_id, disbursement.village_code);
      await this.outbox.record(tx, ProgressReportVerifiedV1, {
        aggregateId: disbursement.proposal_id,
        actor,
        payload: {
          proposalId: disbursement.proposal_id,
          disbursementId: disbursement.id,
          villageCode: disbursement.village_code,
          reportId: row.id,
          decision: request.decision,
          note: request.note ?? null,
          physicalProgressPercent: row.physical_progress_percent,
          amountSpent: rupiahOf(row.amount_spent),
          final: row.final,
          verifiedBy: actor,
          verifiedAt: report.verifiedAt!,
        },
      });
      await this.audit.record(tx, {
        actor,
        action: request.decision === 'ACCEPTED' ? 'progress.accepted' : 'progress.sent-back',
        entityType: 'disbursement',
        entityId: disbursement.id,
        fromStatus: 'PENDING',
        toStatus: request.decision,
        after: { reportId: row.id, physicalProgressPercent: row.physical_progress_percent, note: request.note ?? null },
      });
      if (request.decision === 'ACCEPTED') await this.progression.advance(tx, disbursement, actor);
      return { report, disbursement: await disbursementView(tx, disbursement.id) };
    });
  }
}
