import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { Actor } from '@alur/contracts';
import { AfterCommit } from '@alur/database';
import { TimerKey } from '../timers/domain/stage-timer';
import { StageTimerScheduler } from '../timers/stage-timer-scheduler.service';
import { StageTimerRepository } from '../timers/stage-timer.repository';
import { ApprovalStageRepository } from './approval-stage.repository';
import { ApprovalStage } from './domain/approval-stage';

/** Cancels a proposal's open stage (withdrawal, superseded submission) and, after commit, its alarms. */
@Injectable()
export class StageCloser {
  constructor(
    private readonly stages: ApprovalStageRepository,
    private readonly timers: StageTimerRepository,
    private readonly audit: AuditTrail,
    private readonly afterCommit: AfterCommit,
    private readonly scheduler: StageTimerScheduler,
  ) {}

  async cancelOpenStages(tx: EntityManager, proposalId: string, actor: Actor | null, reason: string): Promise<ApprovalStage[]> {
    const cancelled: ApprovalStage[] = [];
    for (const id of await this.stages.cancelOpen(tx, proposalId, reason)) {
      cancelled.push(await this.stages.get(tx, id));
      await this.audit.record(tx, {
        actor,
        action: 'approval-stage.cancelled',
        entityType: 'approval-stage',
        entityId: id,
        fromStatus: 'OPEN',
        toStatus: 'CANCELLED',
        after: { note: reason },
      });
      // Read in the transaction that closes the stage, which holds its row: a read of their own would cost a commit.
      const next = await this.timers.nextOfStage(tx, id);
      if (next) this.clearAlarmsAfterCommit(tx, [next]);
    }
    return cancelled;
  }

  /** Clears the alarm of a stage that is no longer open (its next timer's: the only one set), once that is committed. */
  clearAlarmsAfterCommit(tx: EntityManager, timers: readonly TimerKey[]): void {
    this.afterCommit.run(tx, () => this.scheduler.cancel(timers));
  }
}
