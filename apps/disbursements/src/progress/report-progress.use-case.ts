import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { AuditTrail } from '@alur/audit';
import { Actor, ProgressPhotoSchema, ProgressReportedV1, Rupiah } from '@alur/contracts';
import { OutboxService, parseRequest, requireRole } from '@alur/messaging';
import { DisbursementRow } from '../disbursements/disbursement-row';
import { disbursementView, DisbursementView } from '../disbursements/disbursement-view';
import { TrancheProgression } from '../tranches/tranche-progression.service';

/** At most this many photos per report; each is a reference to an uploaded photo or an https address. */
export const MAX_REPORT_PHOTOS = 10;

export const ReportProgressRequestSchema = z.object({
  proposalId: z.uuid(),
  physicalProgressPercent: z.number().int().min(0).max(100),
  amountSpent: Rupiah,
  note: z.string().trim().min(1).max(2000),
  photos: z.array(ProgressPhotoSchema).max(MAX_REPORT_PHOTOS).default([]),
});

export interface ProgressReportView {
  id: string;
  proposalId: string;
  physicalProgressPercent: number;
  amountSpent: number;
  note: string;
  photos: Array<z.infer<typeof ProgressPhotoSchema>>;
  final: boolean;
  reportedAt: string;
}

/**
 * The BKM of the proposal's village reports physical progress and money spent. A report at 100% is
 * the final accountability report (LPJ). A report may unlock the next tranche, or complete the proposal.
 */
@Injectable()
export class ReportProgressUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditTrail,
    private readonly progression: TrancheProgression,
  ) {}

  async execute(actor: Actor, data: unknown): Promise<{ report: ProgressReportView; disbursement: DisbursementView }> {
    requireRole(actor, 'BKM');
    const request = parseRequest(ReportProgressRequestSchema, data);
    return this.dataSource.transaction(async (tx) => {
      const [disbursement] = (await tx.query('SELECT * FROM disbursement WHERE proposal_id = $1 FOR UPDATE', [request.proposalId])) as DisbursementRow[];
      // Another village's proposal is as good as absent: its existence is not revealed.
      if (!disbursement || disbursement.village_code !== actor.regionCode) {
        throw new NotFoundException(`Proposal ${request.proposalId} has no disbursement to report on`);
      }
      if (disbursement.status === 'AWAITING_BUDGET') {
        throw new ConflictException('This proposal is still waiting for budget: report progress once it is funded');
      }
      if (disbursement.status === 'COMPLETED') throw new ConflictException('This proposal is already completed');
      if (disbursement.status === 'WITHDRAWN') throw new ConflictException('This proposal was withdrawn');

      const id = randomUUID();
      const final = request.physicalProgressPercent === 100;
      const [{ reported_at: reportedAt }] = (await tx.query(
        `INSERT INTO progress_report (id, disbursement_id, physical_progress_percent, amount_spent, note, photos, final, reported_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING reported_at`,
        [
          id,
          disbursement.id,
          request.physicalProgressPercent,
          String(request.amountSpent),
          request.note,
          JSON.stringify(request.photos),
          final,
          JSON.stringify(actor),
        ],
      )) as Array<{ reported_at: Date }>;
      const report: ProgressReportView = {
        id,
        proposalId: disbursement.proposal_id,
        physicalProgressPercent: request.physicalProgressPercent,
        amountSpent: request.amountSpent,
        note: request.note,
        photos: request.photos,
        final,
        reportedAt: reportedAt.toISOString(),
      };
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
        after: { reportId: id, physicalProgressPercent: request.physicalProgressPercent, amountSpent: request.amountSpent, photos: request.photos.length },
      });
      await this.progression.advance(tx, disbursement, actor);
      return { report, disbursement: await disbursementView(tx, disbursement.id) };
    });
  }
}
