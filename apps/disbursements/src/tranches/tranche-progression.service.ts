import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { Actor, ProposalCompletedV1, TrancheReadyV1 } from '@alur/contracts';
import { OutboxService } from '@alur/messaging';
import { rupiahOf } from '@alur/database';
import { updateReturning } from '../common/update-returning';
import { DisbursementRow, TrancheRow } from '../disbursements/disbursement-row';
import { nextTrancheStep } from './next-tranche-step';

/**
 * Moves a disbursement on after a release or a verified progress report: the next tranche becomes
 * READY, or the proposal is complete; only reports a Verifikator accepted count. The caller holds
 * the disbursement's row lock, so a release and a report
 * arriving together cannot both miss the other.
 */
@Injectable()
export class TrancheProgression {
  constructor(
    private readonly outbox: OutboxService,
    private readonly audit: AuditTrail,
  ) {}

  async advance(tx: EntityManager, disbursement: DisbursementRow, actor: Actor): Promise<void> {
    if (disbursement.status !== 'FUNDING') return;
    const tranches = (await tx.query('SELECT * FROM tranche WHERE disbursement_id = $1 ORDER BY number', [disbursement.id])) as TrancheRow[];
    const [progress] = (await tx.query(
      `SELECT max(physical_progress_percent) AS highest, bool_or(final) AS has_final FROM progress_report WHERE disbursement_id = $1 AND verification_status = 'ACCEPTED'`,
      [disbursement.id],
    )) as Array<{ highest: number | null; has_final: boolean | null }>;
    const step = nextTrancheStep(
      tranches.map((t) => ({ number: t.number, status: t.status, unlockProgressPercent: t.unlock_progress_percent })),
      progress.highest,
      progress.has_final ?? false,
    );
    if (step.ready !== undefined) {
      const tranche = tranches.find((t) => t.number === step.ready)!;
      await tx.query(`UPDATE tranche SET status = 'READY', ready_at = now() WHERE disbursement_id = $1 AND number = $2`, [
        disbursement.id,
        tranche.number,
      ]);
      await this.outbox.record(tx, TrancheReadyV1, {
        aggregateId: disbursement.proposal_id,
        actor,
        payload: {
          proposalId: disbursement.proposal_id,
          disbursementId: disbursement.id,
          villageCode: disbursement.village_code,
          trancheNumber: tranche.number,
          trancheCount: tranches.length,
          amount: rupiahOf(tranche.amount),
        },
      });
      await this.audit.record(tx, {
        actor,
        action: 'tranche.ready',
        entityType: 'tranche',
        entityId: `${disbursement.id}/${tranche.number}`,
        fromStatus: 'LOCKED',
        toStatus: 'READY',
        after: { progressPercent: progress.highest, unlockProgressPercent: tranche.unlock_progress_percent },
      });
    }
    if (step.complete) {
      const [done] = await updateReturning<{ completed_at: Date; released: string }>(
        tx,
        `UPDATE disbursement SET status = 'COMPLETED', completed_at = now() WHERE id = $1 RETURNING completed_at, released`,
        [disbursement.id],
      );
      await this.outbox.record(tx, ProposalCompletedV1, {
        aggregateId: disbursement.proposal_id,
        actor,
        payload: {
          proposalId: disbursement.proposal_id,
          disbursementId: disbursement.id,
          villageCode: disbursement.village_code,
          totalReleased: rupiahOf(done.released),
          completedAt: done.completed_at.toISOString(),
        },
      });
      await this.audit.record(tx, {
        actor,
        action: 'disbursement.completed',
        entityType: 'disbursement',
        entityId: disbursement.id,
        fromStatus: 'FUNDING',
        toStatus: 'COMPLETED',
        after: { totalReleased: rupiahOf(done.released) },
      });
    }
  }
}
