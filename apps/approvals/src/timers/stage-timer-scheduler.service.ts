import { Injectable, Optional } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { InjectJobQueue, STAGE_TIMERS_QUEUE } from '@alur/jobs';
import { currentTraceCarrier } from '@alur/observability';
import { TimerMetrics } from '@alur/metrics';
import { TimerAlarm } from './domain/stage-timer';
import { STAGE_TIMER_JOB_NAMES, StageTimerJobData, stageTimerJobId } from './stage-timer-queue';

/**
 * Sets and clears the BullMQ alarms of stage timers. An alarm only wakes the service: what a timer
 * does, and whether it still should, is decided from the database when it fires. An open stage has one
 * alarm, for its next timer: set when the stage opens and by each firing for the timer after it.
 */
@Injectable()
export class StageTimerScheduler {
  /**
   * Job ids of alarms whose add this process has sent and Redis has not yet answered, with how many
   * adds of each are on their way. A stage's alarms are added just after its transaction commits: a
   * reconciler pass that reads the new stage and asks Redis in between finds them missing, and they are
   * not lost, only on their way.
   */
  private readonly onTheirWay = new Map<string, number>();

  constructor(
    @InjectJobQueue(STAGE_TIMERS_QUEUE) private readonly queue: Queue<StageTimerJobData>,
    @Optional() private readonly metrics?: TimerMetrics,
  ) {}

  /** Sets alarms; one whose job id already exists is left as it is (BullMQ ignores the second add). */
  async schedule(alarms: readonly TimerAlarm[], now = Date.now()): Promise<void> {
    if (alarms.length === 0) return;
    const ids = alarms.map(stageTimerJobId);
    for (const id of ids) this.onTheirWay.set(id, (this.onTheirWay.get(id) ?? 0) + 1);
    try {
      await this.add(alarms, now);
    } finally {
      for (const id of ids) {
        const adds = this.onTheirWay.get(id)! - 1;
        if (adds === 0) this.onTheirWay.delete(id);
        else this.onTheirWay.set(id, adds);
      }
    }
    for (const alarm of alarms) this.metrics?.scheduled(STAGE_TIMERS_QUEUE.name, STAGE_TIMER_JOB_NAMES[alarm.kind]);
  }

  private async add(alarms: readonly TimerAlarm[], now: number): Promise<void> {
    const trace = currentTraceCarrier();
    await this.queue.addBulk(
      alarms.map((alarm) => ({
        name: STAGE_TIMER_JOB_NAMES[alarm.kind],
        data: {
          stageId: alarm.stageId,
          kind: alarm.kind,
          generation: alarm.generation,
          fireAt: alarm.fireAt.toISOString(),
          ...(trace ? { trace } : {}),
        },
        opts: this.optionsOf(alarm, now),
      })),
    );
  }

  /** Clears the alarms of a decided stage; one already running finds the stage closed and does nothing. */
  async cancel(alarms: readonly Pick<TimerAlarm, 'stageId' | 'kind' | 'generation'>[]): Promise<void> {
    await Promise.all(alarms.map((alarm) => this.queue.remove(stageTimerJobId(alarm))));
  }

  /**
   * The alarms whose jobs Redis no longer holds (one pipelined EXISTS each), less those whose add from
   * this process is on its way. The EXISTS go on the connection the adds use, and Redis answers a
   * connection in order: an add still unanswered when the answers arrive was sent after them.
   */
  async missing(alarms: readonly TimerAlarm[]): Promise<TimerAlarm[]> {
    if (alarms.length === 0) return [];
    const client = await this.queue.getBackend().client;
    const pipeline = client.pipeline();
    for (const alarm of alarms) pipeline.runCommand('exists', [this.queue.toKey(stageTimerJobId(alarm))]);
    const answers = (await pipeline.exec()) ?? [];
    return alarms.filter((alarm, i) => {
      const [error, exists] = answers[i] ?? [new Error('no answer'), 0];
      if (error) throw error;
      return exists === 0 && !this.onTheirWay.has(stageTimerJobId(alarm));
    });
  }

  private optionsOf(alarm: TimerAlarm, now: number): JobsOptions {
    return {
      jobId: stageTimerJobId(alarm),
      // A timer that came due while nobody was watching fires at once, late rather than never.
      delay: Math.max(0, alarm.fireAt.getTime() - now),
      // Attempts, back-off and removal: the queue's defaults (STAGE_TIMERS_QUEUE).
    };
  }
}
