import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { Actor, ApprovalStageOpenedV1 } from '@alur/contracts';
import { OutboxService } from '@alur/messaging';
import { ApprovalChainEntity } from '../chain/approval-chain.entity';
import { AfterCommit } from '@alur/database';
import { planStageTimers } from '../timers/domain/plan-stage-timers';
import { StageTimerEntity, TimerAlarm } from '../timers/stage-timer.entity';
import { StageTimerScheduler } from '../timers/stage-timer-scheduler.service';
import { WorkingCalendar } from '../working-days/working-calendar.service';
import { ApprovalStageEntity, stageRefOf } from './approval-stage.entity';
import { regionCodeAt } from './domain/stage-region';

/**
 * Opens stage `order` (1-based) of a chain inside the caller's transaction: the stage, its timers,
 * the ApprovalStageOpened event and the audit record commit together; the alarms are set after commit.
 */
@Injectable()
export class StageOpener {
  constructor(
    private readonly calendar: WorkingCalendar,
    private readonly outbox: OutboxService,
    private readonly audit: AuditTrail,
    private readonly afterCommit: AfterCommit,
    private readonly scheduler: StageTimerScheduler,
  ) {}

  async open(
    tx: EntityManager,
    chain: ApprovalChainEntity,
    order: number,
    actor: Actor | null,
    openedAt = new Date(),
  ): Promise<ApprovalStageEntity> {
    const definition = chain.stages[order - 1];
    const clock = this.calendar.clock;
    const stage = tx.create(ApprovalStageEntity, {
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
    });
    await tx.insert(ApprovalStageEntity, stage);
    const alarms: TimerAlarm[] = planStageTimers(stage.openedAt, stage.dueAt, chain.reminderSchedule, clock).map((timer) => ({
      stageId: stage.id,
      kind: timer.kind,
      generation: 1,
      fireAt: timer.fireAt,
    }));
    await tx.insert(
      StageTimerEntity,
      alarms.map((alarm) => ({ ...alarm, firedAt: null })),
    );
    await this.outbox.record(tx, ApprovalStageOpenedV1, {
      aggregateId: stage.proposalId,
      actor,
      payload: { ...stageRefOf(stage), openedAt: stage.openedAt.toISOString(), dueAt: stage.dueAt.toISOString() },
    });
    await this.audit.record(tx, {
      actor,
      action: 'approval-stage.opened',
      entityType: 'approval-stage',
      entityId: stage.id,
      fromStatus: null,
      toStatus: 'OPEN',
      after: { ...stageRefOf(stage), openedAt: stage.openedAt, dueAt: stage.dueAt, timers: alarms },
    });
    this.afterCommit.run(tx, () => this.scheduler.schedule(alarms));
    return stage;
  }
}
