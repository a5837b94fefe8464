import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ApprovalReminderDueV1, ApprovalStageEscalatedV1 } from '@alur/contracts';
import { AfterCommit, Transactions } from '@alur/database';
import { ChangeRecorder, OutboxService } from '@alur/messaging';
import { ApprovalChainRepository } from '../../chain/approval-chain.repository';
import { ApprovalStageRepository } from '../../stages/approval-stage.repository';
import { ApprovalStage, stageRefOf } from '../../stages/domain/approval-stage';
import { regionCodeAt } from '../../stages/domain/stage-region';
import { TIMER_KINDS, TimerKey } from '../domain/stage-timer';
import { StageTimerScheduler } from '../stage-timer-scheduler.service';
import { StageTimerRepository } from '../stage-timer.repository';

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
    private readonly transactions: Transactions,
    private readonly stages: ApprovalStageRepository,
    private readonly timers: StageTimerRepository,
    private readonly chains: ApprovalChainRepository,
    private readonly outbox: OutboxService,
    private readonly changes: ChangeRecorder,
    private readonly afterCommit: AfterCommit,
    private readonly scheduler: StageTimerScheduler,
  ) {}

  execute(timer: TimerKey, now = new Date()): Promise<TimerOutcome> {
    return this.transactions.run(async (tx) => {
      // The stage's row lock first, as a decision takes it: a decision under way makes the alarm wait and
      // then find the stage closed; a decision that comes later waits until this timer's event is committed.
      const stage = await this.stages.lock(tx, timer.stageId);
      if (!stage) return 'unknown-timer';
      if (stage.status !== 'OPEN') return this.whyNot(tx, timer);
      // Claims this timer and any earlier one of the stage still unfired (alarms set again after Redis lost
      // them ring together), so that a stage's timers announce in the order they were due; a later alarm
      // for one of them finds it fired.
      const claimed = await this.timers.claimDue(tx, timer, now);
      if (claimed.length === 0) return this.whyNot(tx, timer);
      claimed.sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime() || TIMER_KINDS.indexOf(a.kind) - TIMER_KINDS.indexOf(b.kind));
      for (const { kind } of claimed) {
        if (kind === 'DEADLINE') await this.escalate(tx, stage, now);
        else await this.remind(tx, stage, kind === 'REMINDER_BEFORE' ? 'BEFORE_DUE' : 'OVERDUE', now);
      }
      // A stage has one alarm, for its next timer: this one's firing sets it. Lost to a crash before it is
      // set, the reconciler's next pass sets it (late rather than never).
      const next = await this.timers.nextOfStage(tx, stage.id);
      if (next) this.afterCommit.run(tx, () => this.scheduler.schedule([next]));
      return 'fired';
    });
  }

  /** Why an alarm found nothing to do, for the job's result in Bull Board. */
  private async whyNot(tx: EntityManager, timer: TimerKey): Promise<TimerOutcome> {
    const state = await this.timers.stateOf(tx, timer);
    if (!state) return 'unknown-timer';
    return state.firedAt ? 'already-fired' : 'stage-closed';
  }

  private async remind(tx: EntityManager, stage: ApprovalStage, kind: 'BEFORE_DUE' | 'OVERDUE', now: Date): Promise<void> {
    await this.outbox.record(tx, ApprovalReminderDueV1, {
      aggregateId: stage.proposalId,
      actor: null,
      payload: { ...stageRefOf(stage), kind, dueAt: stage.dueAt.toISOString(), remindedAt: now.toISOString() },
    });
  }

  /** Past the deadline: the next official up the chain is told, and (through the same event) the BKM. */
  private async escalate(tx: EntityManager, stage: ApprovalStage, now: Date): Promise<void> {
    const chain = await this.chains.get(tx, stage.proposalId, stage.submissionNumber);
    const above = chain.stages[stage.stageOrder];
    const escalatedTo = above ? { role: above.role, regionCode: regionCodeAt(chain, above.regionLevel) } : null;
    await this.changes.record(tx, {
      announce: {
        contract: ApprovalStageEscalatedV1,
        aggregateId: stage.proposalId,
        actor: null,
        payload: { ...stageRefOf(stage), dueAt: stage.dueAt.toISOString(), escalatedAt: now.toISOString(), escalatedTo },
      },
      audit: {
        action: 'approval-stage.escalated',
        entityType: 'approval-stage',
        entityId: stage.id,
        fromStatus: 'OPEN',
        toStatus: 'OPEN',
        after: { dueAt: stage.dueAt, escalatedAt: now, escalatedTo },
      },
    });
  }
}
