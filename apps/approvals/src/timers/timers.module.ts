import { Module } from '@nestjs/common';
import { AuditModule } from '@alur/audit';
import { JobsModule, STAGE_TIMERS_QUEUE } from '@alur/jobs';
import { ApprovalsPersistenceModule } from '../database/approvals-persistence.module';
import { WorkingDaysModule } from '../working-days/working-days.module';
import { StageTimerProcessor } from './stage-timer.processor';
import { StageTimerReconciler } from './stage-timer-reconciler.service';
import { StageTimerScheduler } from './stage-timer-scheduler.service';
import { FireStageTimerUseCase } from './use-cases/fire-stage-timer.use-case';

/**
 * Stage timers: reminders and escalation on working-day deadlines, as BullMQ jobs. The queue is
 * registered here, beside its only user and its processor (JobsModule is not global).
 */
@Module({
  imports: [JobsModule.forQueues(STAGE_TIMERS_QUEUE), AuditModule, ApprovalsPersistenceModule, WorkingDaysModule],
  providers: [StageTimerScheduler, StageTimerProcessor, StageTimerReconciler, FireStageTimerUseCase],
  exports: [StageTimerScheduler],
})
export class TimersModule {}
