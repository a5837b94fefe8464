import { Injectable, Provider } from '@nestjs/common';
import { InjectMetric, makeCounterProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import { Counter, Histogram } from 'prom-client';
import { METRICS } from './metric-names';

/** From on time to half an hour late, in seconds: a timer a poll or a busy worker holds up, up to Redis lost and reconciled. */
const LATENESS_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800];

/** What a BullMQ job says about when it was due: added at `timestamp`, to run `delay` ms later. */
export interface TimedJob {
  name: string;
  timestamp: number;
  delay?: number;
  opts?: { delay?: number };
  attemptsMade?: number;
}

/**
 * Counts the timers services set and fire (stage reminders and deadlines, the daily digest), by queue
 * and job name, and how late each fired: fire time minus due time. A retried attempt is not a new
 * firing, so only a job's first attempt counts.
 */
@Injectable()
export class TimerMetrics {
  constructor(
    @InjectMetric(METRICS.timersScheduled) private readonly scheduledTotal: Counter<string>,
    @InjectMetric(METRICS.timersFired) private readonly firedTotal: Counter<string>,
    @InjectMetric(METRICS.timerLateness) private readonly lateness: Histogram<string>,
  ) {}

  scheduled(queue: string, job: string, count = 1): void {
    if (count > 0) this.scheduledTotal.inc({ queue, job }, count);
  }

  /** Called as a job starts; `dueAt` (ms) overrides the due time read from the job. */
  fired(queue: string, job: TimedJob, dueAt?: number, now = Date.now()): void {
    if ((job.attemptsMade ?? 0) > 0) return;
    const due = dueAt ?? job.timestamp + (job.delay ?? job.opts?.delay ?? 0);
    this.firedTotal.inc({ queue, job: job.name });
    this.lateness.observe({ queue, job: job.name }, Math.max(0, now - due) / 1000);
  }
}

export const TIMER_METRIC_PROVIDERS: Provider[] = [
  makeCounterProvider({ name: METRICS.timersScheduled, help: 'Timers set in BullMQ, by queue and job name', labelNames: ['queue', 'job'] }),
  makeCounterProvider({
    name: METRICS.timersFired,
    help: 'Timers that fired (first attempt), by queue and job name',
    labelNames: ['queue', 'job'],
  }),
  makeHistogramProvider({
    name: METRICS.timerLateness,
    help: 'How late a timer fired: its first attempt started minus when it was due',
    labelNames: ['queue', 'job'],
    buckets: LATENESS_BUCKETS,
  }),
  TimerMetrics,
];
