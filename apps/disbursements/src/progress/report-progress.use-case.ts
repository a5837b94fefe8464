import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { APP_ENV, BaseEnv } from '@alur/config';
import { Actor, AnswerOf, ConflictError, InvalidInputError, NotFoundError, ProgressReportedV1, ReportProgress, RequestOf } from '@alur/contracts';
import { rupiahOf } from '@alur/database';
import { OutboxService, requireRole } from '@alur/messaging';
import { villageLocationOf } from '@alur/regions';
import { DisbursementRow } from '../disbursements/disbursement-row';
import { disbursementView } from '../disbursements/disbursement-view';
import { checkPhoto } from './photo-flags';
import { progressReportView, ProgressReportRow, ReportedPhoto } from './progress-report-view';
import { progressClaimErrors, ProgressStanding } from './progress-rules';

export { MAX_REPORT_PHOTOS } from '@alur/contracts';

/**
 * The BKM of the proposal's village reports physical progress and money spent. A report at 100% is
 * the final accountability report (LPJ). It waits for a field verifier (VERIFIKATOR): only an
 * accepted report unlocks the next tranche or completes the proposal (VerifyProgressReportUseCase).
 */
@Injectable()
export class ReportProgressUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditTrail,
    @Inject(APP_ENV) private readonly env: BaseEnv,
  ) {}

  async execute(actor: Actor, request: RequestOf<typeof ReportProgress>): Promise<AnswerOf<typeof ReportProgress>> {
    requireRole(actor, 'BKM');
    // The report's shape (percent, whole rupiah, up to 10 photo references) is the contract's; what needs the earlier reports is checked below.
    return this.dataSource.transaction(async (tx) => {
      const [disbursement] = (await tx.query('SELECT * FROM disbursement WHERE proposal_id = $1 FOR UPDATE', [request.proposalId])) as DisbursementRow[];
      // Another village's proposal is as good as absent: its existence is not revealed.
      if (!disbursement || disbursement.village_code !== actor.regionCode) {
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
      const village = villageLocationOf(disbursement.village_code);
      const limits = { maxDistanceKm: this.env.PHOTO_MAX_DISTANCE_KM, maxAgeDays: this.env.PHOTO_MAX_AGE_DAYS };
      const photos: ReportedPhoto[] = request.photos.map((photo) => ({ ...photo, check: checkPhoto(photo.capture, village, reportedAt, limits) }));
      const final = request.physicalProgressPercent === 100;
      const [row] = (await tx.query(
        `INSERT INTO progress_report (id, disbursement_id, physical_progress_percent, amount_spent, note, photos, final, reported_by, reported_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
        [
          id,
          disbursement.id,
          request.physicalProgressPercent,
          String(request.amountSpent),
          request.note,
          JSON.stringify(photos),
          final,
          JSON.stringify(actor),
          reportedAt,
        ],
      )) as ProgressReportRow[];
      const report = progressReportView(row, disbursement.proposal_id, disbursement.village_code);
      await this.outbox.record(tx, ProgressReportedV1, {
        aggregateId: disbursement.proposal_id,
        actor,
        payload: {
          proposalId: disbursement.proposal_id,
          disbursementId: disbursement.id,
          reportId: id,
          villageCode: disbursement.village_code,
          physicalProgressPercent: request.physicalProgressPercent,
          amountSpent: request.amountSpent,
          final,
          reportedAt: report.reportedAt,
        },
      });
      await this.audit.record(tx, {
        actor,
        action: final ? 'progress.final-reported' : 'progress.reported',
        entityType: 'disbursement',
        entityId: disbursement.id,
        toStatus: 'PENDING',
        after: { reportId: id, physicalProgressPercent: request.physicalProgressPercent, amountSpent: request.amountSpent, photos: request.photos.length },
      });
      return { report, disbursement: await disbursementView(tx, disbursement.id) };
    });
  }

  private async standingOf(tx: EntityManager, disbursement: DisbursementRow): Promise<ProgressStanding> {
    const [previous] = (await tx.query(
      `SELECT physical_progress_percent, amount_spent FROM progress_report
        WHERE disbursement_id = $1 AND verification_status <> 'SENT_BACK' ORDER BY seq DESC LIMIT 1`,
      [disbursement.id],
    )) as Array<{ physical_progress_percent: number; amount_spent: string }>;
    const [selfHelp] = (await tx.query('SELECT self_help_amount FROM proposal_self_help WHERE proposal_id = $1', [disbursement.proposal_id])) as Array<{
      self_help_amount: string;
    }>;
    const [programme] = (await tx.query(
      `SELECT coalesce((definition->>'progressPhotosRequired')::boolean, false) AS photos_required FROM programme_version WHERE code = $1 AND version = $2`,
      [disbursement.program_code, disbursement.program_version],
    )) as Array<{ photos_required: boolean }>;
    return {
      previous: previous ? { physicalProgressPercent: previous.physical_progress_percent, amountSpent: rupiahOf(previous.amount_spent) } : null,
      released: rupiahOf(disbursement.released),
      // Unknown only if the submission was never heard of here: then no swadaya is assumed, the stricter reading.
      selfHelpAmount: selfHelp ? rupiahOf(selfHelp.self_help_amount) : 0,
      photosRequired: programme?.photos_required ?? false,
    };
  }
}
