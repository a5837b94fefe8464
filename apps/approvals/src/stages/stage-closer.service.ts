import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { Actor } from '@alur/contracts';
import { AfterCommit } from '@alur/database';
import { StageTimerEntity } from '../timers/stage-timer.entity';
import { StageTimerScheduler } from '../timers/stage-timer-scheduler.service';
import { ApprovalStageEntity } from './approval-stage.entity';

/** Cancels a proposal's open stage (withdrawal, superseded submission) and, after commit, its alarms. */
@Injectable()
export class StageCloser {
  constructor(
    private readonly audit: AuditTrail,
    private readonly afterCommit: AfterCommit,
    private readonly scheduler: StageTimerScheduler,
  ) {}

  async cancelOpenStages(tx: EntityManager, proposalId: string, actor: Actor | null, reason: string): Promise<ApprovalStageEntity[]> {
    const [rows] = (await tx.query(
      `UPDATE approval_stage SET status = 'CANCELLED', decided_at = now(), note = $2, version = version + 1
        WHERE proposal_id = $1 AND status = 'OPEN' RETURNING id`,
      [proposalId, reason],
    )) as [Array<{ id: string }>, number];
    const cancelled: ApprovalStageEntity[] = [];
    for (const { id } of rows) {
      const stage = await tx.findOneByOrFail(ApprovalStageEntity, { id });
      cancelled.push(stage);
      await this.audit.record(tx, {
        actor,
        action: 'approval-stage.cancelled',
        entityType: 'approval-stage',
        entityId: id,
        fromStatus: 'OPEN',
        toStatus: 'CANCELLED',
        after: { note: reason },
      });
      this.clearAlarmsAfterCommit(tx, id);
    }
    return cancelled;
  }

  /** Clears the alarms of a stage that is no longer open, once that is committed. */
  clearAlarmsAfterCommit(tx: EntityManager, stageId: string): void {
    this.afterCommit.run(tx, async () => {
      const timers = await tx.connection.getRepository(StageTimerEntity).findBy({ stageId });
      await this.scheduler.cancel(timers);
    });
  }
}
