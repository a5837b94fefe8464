import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { FireStageTimerUseCase, TimerOutcome } from './fire-stage-timer.use-case';
import { STAGE_TIMERS_QUEUE, StageTimerJobData } from './stage-timer-queue';

/** Enough to keep many due alarms within a second of their time; each holds a database connection briefly. */
const CONCURRENCY = 16;

/** Wakes up for each stage-timer alarm and lets the use case decide, from the database, what it means. */
@Processor(STAGE_TIMERS_QUEUE, { concurrency: CONCURRENCY })
export class StageTimerProcessor extends WorkerHost {
  constructor(private readonly fireTimer: FireStageTimerUseCase) {
    super();
  }

  process(job: Job<StageTimerJobData>): Promise<TimerOutcome> {
    return this.fireTimer.execute(job.data);
  }
}
