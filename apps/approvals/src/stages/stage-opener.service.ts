import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, ApprovalStageOpenedV1 } from '@alur/contracts';
import { AfterCommit, together } from '@alur/database';
import { ChangeRecorder } from '@alur/messaging';
import { ApprovalChain } from '../chain/domain/approval-chain';
import { planStageTimers } from '../timers/domain/plan-stage-timers';
import { TimerAlarm } from '../timers/domain/stage-timer';
import { StageTimerScheduler } from '../timers/stage-timer-scheduler.service';
import { StageTimerRepository } from '../timers/stage-timer.repository';
import { WorkingCalendar } from '../working-days/working-calendar.service';
import { ApprovalStageRepository } from './approval-stage.repository';
import { ApprovalStage, stageRefOf } from './domain/approval-stage';
import { regionCodeAt } from './domain/stage-region';

/**
 * Opens stage `order` (1-based) of a chain inside the caller's transaction: the stage, its timers,
 * the ApprovalStageOpened event and the audit record commit together; the first timer's alarm is set after commit.
 */
@Injectable()
export class StageOpener {
  constructor(
    private readonly calendar: WorkingCalendar,
    private readonly stages: ApprovalStageRepository,
    private readonly timers: StageTimerRepository,
    private readonly changes: ChangeRecorder,
    private readonly afterCommit: AfterCommit,
    private readonly scheduler: StageTimerScheduler,
  ) {}

  async open(tx: EntityManager, chain: ApprovalChain, order: number, actor: Actor | null, openedAt = new Date()): Promise<ApprovalStage> {
    const definition = chain.stages[order - 1];
    const clock = this.calendar.clock;
    const stage: ApprovalStage = {
      id: randomUUID(),
      proposalId: chain.proposalId,
      submissionNumber: chain.submissionNumber,
      stageOrder: order,
      stageCount: chain.stages.length,
      role: definition.role,
      regionLevel: definition.regionLevel,
      regionCode: regionCodeAt(chain, definition.regionLevel),
      villageCode: chain.villageCode,
      programCode: chain.programCode,
      title: chain.title,
      status: 'OPEN',
      openedAt,
      dueAt: clock.addWorkingDays(openedAt, definition.serviceLevelWorkingDays),
      decidedAt: null,
      decidedBy: null,
      note: null,
      version: 1,
    };
    const alarms: TimerAlarm[] = planStageTimers(stage.openedAt, stage.dueAt, chain.reminderSchedule, clock).map((timer) => ({
      stageId: stage.id,
      kind: timer.kind,
      generation: 1,
      fireAt: timer.fireAt,
    }));
    // The stage and its timers ride on the stage's audit record: one round trip for all three. The stage's row
    // is new, and its one-open-stage-per-proposal index only meets another decision of the proposal, which
    // waits for the chain's lock this transaction holds.
    const timers = this.timers.inserting(alarms);
    const opened = this.stages.inserting(stage);
    await this.changes.record(tx, {
      alongside: timers ? together(opened, timers) : opened,
      announce: {
        contract: ApprovalStageOpenedV1,
        aggregateId: stage.proposalId,
        actor,
        payload: { ...stageRefOf(stage), openedAt: stage.openedAt.toISOString(), dueAt: stage.dueAt.toISOString() },
      },
      audit: {
        action: 'approval-stage.opened',
        entityType: 'approval-stage',
        entityId: stage.id,
        fromStatus: null,
        toStatus: 'OPEN',
        after: { ...stageRefOf(stage), openedAt: stage.openedAt, dueAt: stage.dueAt, timers: alarms },
      },
    });
    // One alarm per stage, for its first timer: each timer's firing sets the next one's (FireStageTimerUseCase).
    this.afterCommit.run(tx, () => this.scheduler.schedule(alarms.slice(0, 1)));
    return stage;
  }
}
