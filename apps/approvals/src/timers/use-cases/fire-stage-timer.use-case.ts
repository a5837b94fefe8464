import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { ApprovalReminderDueV1, ApprovalStageEscalatedV1 } from '@alur/contracts';
import { OutboxService } from '@alur/messaging';
import { ApprovalChainEntity } from '../../chain/approval-chain.entity';
import { ApprovalStageEntity, stageRefOf } from '../../stages/approval-stage.entity';
import { regionCodeAt } from '../../stages/domain/stage-region';
import { TIMER_KINDS, TimerKind } from '../stage-timer.entity';

export type TimerOutcome = 'fired' | 'already-fired' | 'stage-closed' | 'unknown-timer';

/**
 * An alarm rang. Whether the timer still matters is read from the database under the stage's row
 * lock (SELECT … FOR UPDATE, the lock a decision's UPDATE takes), and `fired_at` is set in the
 * transaction that records the event: a timer fires once, however often its alarm rings, never for
 * a stage being decided at the same moment, and its event is never committed after the decision's.
 */
@Injectable()
export class FireStageTimerUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditTrail,
  ) {}

  execute(timer: { stageId: string; kind: TimerKind; generation: number }, now = new Date()): Promise<TimerOutcome> {
    return this.dataSource.transaction(async (tx) => {
      // The stage's row lock first, as a decision takes it: a decision under way makes the alarm wait and
      // then find the stage closed; a decision that comes later waits until this timer's event is committed.
      const stage = await tx.findOne(ApprovalStageEntity, { where: { id: timer.stageId }, lock: { mode: 'pessimistic_write' } });
      if (!stage) return 'unknown-timer';
      if (stage.status !== 'OPEN') return this.whyNot(tx, timer);
      // Claims this timer and any earlier one of the stage still unfired (alarms set again after Redis lost
      // them ring together), so that a stage's timers announce in the order they were due; a later alarm
      // for one of them finds it fired.
      const [claimed] = (await tx.query(
        `UPDATE stage_timer SET fired_at = $4
          WHERE stage_id = $1 AND generation = $3 AND fired_at IS NULL
            AND fire_at <= (SELECT fire_at FROM stage_timer WHERE stage_id = $1 AND kind = $2 AND generation = $3 AND fired_at IS NULL)
          RETURNING kind, fire_at`,
        [timer.stageId, timer.kind, timer.generation, now],
      )) as [Array<{ kind: TimerKind; fire_at: Date }>, number];
      if (claimed.length === 0) return this.whyNot(tx, timer);
      claimed.sort((a, b) => a.fire_at.getTime() - b.fire_at.getTime() || TIMER_KINDS.indexOf(a.kind) - TIMER_KINDS.indexOf(b.kind));
      for (const { kind } of claimed) {
        if (kind === 'DEADLINE') await this.escalate(tx, stage, now);
        else await this.remind(tx, stage, kind === 'REMINDER_BEFORE' ? 'BEFORE_DUE' : 'OVERDUE', now);
      }
      return 'fired';
    });
  }

  /** Why an alarm found nothing to do, for the job's result in Bull Board. */
  private async whyNot(tx: EntityManager, timer: { stageId: string; kind: TimerKind; generation: number }): Promise<TimerOutcome> {
    const [row] = (await tx.query(
      `SELECT t.fired_at, s.status FROM stage_timer t JOIN approval_stage s ON s.id = t.stage_id
        WHERE t.stage_id = $1 AND t.kind = $2 AND t.generation = $3`,
      [timer.stageId, timer.kind, timer.generation],
    )) as Array<{ fired_at: Date | null; status: string }>;
    if (!row) return 'unknown-timer';
    return row.fired_at ? 'already-fired' : 'stage-closed';
  }

  private async remind(tx: EntityManager, stage: ApprovalStageEntity, kind: 'BEFORE_DUE' | 'OVERDUE', now: Date): Promise<void> {
    await this.outbox.record(tx, ApprovalReminderDueV1, {
      aggregateId: stage.proposalId,
      actor: null,
      payload: { ...stageRefOf(stage), kind, dueAt: stage.dueAt.toISOString(), remindedAt: now.toISOString() },
    });
  }

  /** Past the deadline: the next official up the chain is told, and (through the same event) the BKM. */
  private async escalate(tx: EntityManager, stage: ApprovalStageEntity, now: Date): Promise<void> {
    const chain = await tx.findOneByOrFail(ApprovalChainEntity, { proposalId: stage.proposalId, submissionNumber: stage.submissionNumber });
    const above = chain.stages[stage.stageOrder];
    const escalatedTo = above ? { role: above.role, regionCode: regionCodeAt(chain, above.regionLevel) } : null;
    await this.outbox.record(tx, ApprovalStageEscalatedV1, {
      aggregateId: stage.proposalId,
      actor: null,
      payload: { ...stageRefOf(stage), dueAt: stage.dueAt.toISOString(), escalatedAt: now.toISOString(), escalatedTo },
    });
    await this.audit.record(tx, {
      actor: null,
      action: 'approval-stage.escalated',
      entityType: 'approval-stage',
      entityId: stage.id,
      fromStatus: 'OPEN',
      toStatus: 'OPEN',
      after: { dueAt: stage.dueAt, escalatedAt: now, escalatedTo },
    });
  }
}
