import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, DisbursementStatus, ProposalCompletedV1, TrancheReadyV1 } from '@alur/contracts';
import { ChangeRecorder } from '@alur/messaging';
import { Disbursement } from '../disbursements/domain/disbursement';
import { DisbursementRepository } from '../disbursements/disbursement.repository';
import { ProgressReportRepository } from '../progress/progress-report.repository';
import { nextTrancheStep } from './domain/next-tranche-step';
import { TrancheRepository } from './tranche.repository';

/**
 * Moves a disbursement on after a release or a verified progress report: the next tranche becomes
 * READY, or the proposal is complete; only reports a Verifikator accepted count. The caller holds
 * the disbursement's row lock, so a release and a report
 * arriving together cannot both miss the other.
 */
@Injectable()
export class TrancheProgression {
  constructor(
    private readonly disbursements: DisbursementRepository,
    private readonly tranches: TrancheRepository,
    private readonly reports: ProgressReportRepository,
    private readonly changes: ChangeRecorder,
  ) {}

  /** Answers the disbursement's status after: COMPLETED when this completed it, else as locked (nothing else changed it). */
  async advance(tx: EntityManager, disbursement: Disbursement, actor: Actor): Promise<DisbursementStatus> {
    if (disbursement.status !== 'FUNDING') return disbursement.status;
    const tranches = await this.tranches.ofDisbursement(tx, disbursement.id);
    const progress = await this.reports.acceptedProgress(tx, disbursement.id);
    const step = nextTrancheStep(tranches, progress.highest, progress.hasFinal ?? false);
    if (step.ready !== undefined) {
      const tranche = tranches.find((t) => t.number === step.ready)!;
      await this.tranches.markReady(tx, disbursement.id, tranche.number);
      await this.changes.record(tx, {
        announce: {
          contract: TrancheReadyV1,
          aggregateId: disbursement.proposalId,
          actor,
          payload: {
            proposalId: disbursement.proposalId,
            disbursementId: disbursement.id,
            villageCode: disbursement.villageCode,
            trancheNumber: tranche.number,
            trancheCount: tranches.length,
            amount: tranche.amount,
          },
        },
        audit: {
          action: 'tranche.ready',
          entityType: 'tranche',
          entityId: `${disbursement.id}/${tranche.number}`,
          fromStatus: 'LOCKED',
          toStatus: 'READY',
          after: { progressPercent: progress.highest, unlockProgressPercent: tranche.unlockProgressPercent },
        },
      });
    }
    if (step.complete) {
      const done = await this.disbursements.markCompleted(tx, disbursement.id);
      await this.changes.record(tx, {
        announce: {
          contract: ProposalCompletedV1,
          aggregateId: disbursement.proposalId,
          actor,
          payload: {
            proposalId: disbursement.proposalId,
            disbursementId: disbursement.id,
            villageCode: disbursement.villageCode,
            totalReleased: done.released,
            completedAt: done.completedAt.toISOString(),
          },
        },
        audit: {
          action: 'disbursement.completed',
          entityType: 'disbursement',
          entityId: disbursement.id,
          fromStatus: 'FUNDING',
          toStatus: 'COMPLETED',
          after: { totalReleased: done.released },
        },
      });
      return 'COMPLETED';
    }
    return disbursement.status;
  }
}
