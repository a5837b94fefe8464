import { Optional } from '@nestjs/common';
import { Job } from 'bullmq';
import { ProcessJobs, STAGE_TIMERS_QUEUE } from '@alur/jobs';
import { TimerMetrics } from '@alur/metrics';
import { inSpan, jobSpanOptions, tracingEnabled } from '@alur/observability';
import { FireStageTimerUseCase, TimerOutcome } from './use-cases/fire-stage-timer.use-case';
import { StageTimerJobData } from './stage-timer-queue';

/** Wakes up for each stage-timer alarm and lets the use case decide, from the database, what it means. */
@ProcessJobs(STAGE_TIMERS_QUEUE)
export class StageTimerProcessor {
  constructor(
    private readonly fireTimer: FireStageTimerUseCase,
    @Optional() private readonly metrics?: TimerMetrics,
  ) {}

  process(job: Job<StageTimerJobData>): Promise<TimerOutcome> {
    // Due when the stage's timer says, not when the job was set (a reconciled alarm is set late).
    this.metrics?.fired(STAGE_TIMERS_QUEUE.name, job, Date.parse(job.data.fireAt));
    if (!tracingEnabled()) return this.fireTimer.execute(job.data);
    // A trace of its own, linked to the one that set the alarm (perhaps days before).
    const span = jobSpanOptions(job.data.trace, 'link', { 'alur.stage': job.data.stageId, 'alur.timer': job.data.kind });
    return inSpan(`job ${job.name}`, span, () => this.fireTimer.execute(job.data));
  }
}
