import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Optional } from '@nestjs/common';
import { Job } from 'bullmq';
import { TimerMetrics } from '@alur/metrics';
import { FireStageTimerUseCase, TimerOutcome } from './fire-stage-timer.use-case';
import { STAGE_TIMERS_QUEUE, StageTimerJobData } from './stage-timer-queue';

/** Enough to keep many due alarms within a second of their time; each holds a database connection briefly. */
const CONCURRENCY = 16;

/** Wakes up for each stage-timer alarm and lets the use case decide, from the database, what it means. */
@Processor(STAGE_TIMERS_QUEUE, { concurrency: CONCURRENCY })
export class StageTimerProcessor extends WorkerHost {
  constructor(
    private readonly fireTimer: FireStageTimerUseCase,
    @Optional() private readonly metrics?: TimerMetrics,
  ) {
    super();
  }

  process(job: Job<StageTimerJobData>): Promise<TimerOutcome> {
    // Due when the stage's timer says, not when the job was set (a reconciled alarm is set late).
    this.metrics?.fired(STAGE_TIMERS_QUEUE, job, Date.parse(job.data.fireAt));
    return this.fireTimer.execute(job.data);
  }
}
