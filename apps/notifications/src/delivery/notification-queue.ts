import { Inject, Injectable, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_ENV, BaseEnv } from '@alur/config';
import { InjectJobQueue, NOTIFICATIONS_QUEUE } from '@alur/jobs';
import { TimerMetrics } from '@alur/metrics';
import { currentTraceCarrier, TraceCarrier } from '@alur/observability';

/** Every job the notifications queue (declared in @alur/jobs) carries; the processor routes on these names and no others. */
export const NOTIFICATION_JOBS = NOTIFICATIONS_QUEUE.jobs;

export interface DeliverJobData {
  deliveryId: string;
  /** W3C trace context of what caused the delivery, when tracing is on: the job's span continues it. */
  trace?: TraceCarrier;
}

/** The scheduler id of the daily digest: upserted at start-up, so changing the hour replaces it. */
export const DIGEST_SCHEDULER = 'reminder-digest';
/** A failed digest run is tried again (it only picks up what is still undigested), over about an hour. */
const DIGEST_ATTEMPTS = 6;
const DIGEST_BACKOFF_MS = 60_000;

/** A job in these states works on its delivery no more (`unknown`: Redis lost it, or kept its hash in no list). */
const JOBLESS_STATES = new Set<string>(['completed', 'failed', 'unknown']);

/** A delivery's job id: the delivery id, versioned per operator retry (BullMQ ignores a re-added id). */
export function deliveryJobId(deliveryId: string, retryRound: number): string {
  return retryRound === 0 ? deliveryId : `${deliveryId}_r${retryRound}`;
}

/** A deliver job's data: the trace context only when tracing is on. */
function deliverJobData(deliveryId: string, trace: TraceCarrier | undefined): DeliverJobData {
  return trace ? { deliveryId, trace } : { deliveryId };
}

/**
 * Adds the jobs of the notifications service. The database is the truth about what must be sent;
 * the queue is only the timer that makes it happen, with retries and exponential back-off. A new
 * delivery's first attempt is made without a job (DeliveryDispatcher); the attempts after a failure,
 * an operator's retry, a delivery the reconciler finds waiting, and the daily digest's run are jobs.
 */
@Injectable()
export class NotificationQueue implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_ENV) private readonly env: BaseEnv,
    @InjectJobQueue(NOTIFICATIONS_QUEUE) readonly queue: Queue,
    @Optional() private readonly metrics?: TimerMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.scheduleDigest();
  }

  /**
   * A delivery's `cause` is the trace it was created in, when it was kept for later (DeliveryDispatcher's
   * line); without one, the job continues the trace of the code that queues it.
   */
  async enqueueDeliveries(deliveries: ReadonlyArray<{ id: string; retryRound: number; cause?: TraceCarrier }>): Promise<void> {
    if (deliveries.length === 0) return;
    const trace = currentTraceCarrier();
    await this.queue.addBulk(
      deliveries.map(({ id, retryRound, cause }) => ({
        name: NOTIFICATION_JOBS.deliver,
        data: deliverJobData(id, cause ?? trace),
        // Attempts, back-off and removal: the queue's defaults (NOTIFICATIONS_QUEUE).
        opts: { jobId: deliveryJobId(id, retryRound) },
      })),
    );
  }

  /**
   * The attempts left to a delivery whose first attempt, made at once (DeliveryDispatcher), failed: the
   * first of them after the queue's base delay, the next after twice that and so on, as when a job makes
   * every attempt.
   */
  async enqueueRetry(delivery: { id: string; retryRound: number }, attemptsLeft: number): Promise<void> {
    const base = this.env.NOTIFICATIONS_RETRY_BASE_MS;
    await this.queue.add(NOTIFICATION_JOBS.deliver, deliverJobData(delivery.id, currentTraceCarrier()), {
      jobId: deliveryJobId(delivery.id, delivery.retryRound),
      delay: base,
      attempts: attemptsLeft,
      // BullMQ waits delay × 2^(failures − 1) after a failure: doubled, the gaps go on base, 2 × base, 4 × base.
      backoff: { type: 'exponential', delay: 2 * base },
    });
  }

  /**
   * The ids of the jobs waiting in the line for a worker or delayed (a retry's back-off), read at once: jobs
   * DeliveryReconciler then knows to be there without asking each one's state, which for a waiting job
   * searches the line from its head (a pass over a line of 5,000 kept Redis busy for half a second, a time
   * that grows with the square of the line).
   */
  async pendingJobIds(): Promise<ReadonlySet<string>> {
    return new Set(await this.queue.getRanges(['wait', 'delayed'], 0, -1));
  }

  /**
   * Enqueues again deliveries that are queued or retrying but have no job working on them, and answers
   * them: one that Redis lost is added, and one that finished without writing the delivery's outcome (it
   * failed for good, a claim statement losing its connection on the last attempt, say), or whose hash
   * Redis kept outside every list, is removed first, as a re-add of a job id that still exists is
   * ignored. A job waiting, delayed or running is left alone: those in `pending` (pendingJobIds, read
   * earlier in the pass) without a look, as a job finished since without its outcome is found by the next
   * pass. The others' states are asked all at once (one script each), and only the few without a working
   * job are fetched, to be removed.
   */
  async requeueDeliveries<T extends { id: string; retryRound: number }>(
    deliveries: readonly T[],
    pending: ReadonlySet<string>,
  ): Promise<T[]> {
    const unseen = deliveries
      .map((delivery) => ({ delivery, jobId: deliveryJobId(delivery.id, delivery.retryRound) }))
      .filter(({ jobId }) => !pending.has(jobId));
    const states = await Promise.all(unseen.map(({ jobId }) => this.queue.getJobState(jobId)));
    const without = unseen.filter((_, i) => JOBLESS_STATES.has(states[i]));
    const leftovers = await Promise.all(without.map(({ jobId }) => this.queue.getJob(jobId)));
    await Promise.all(leftovers.map((job) => job?.remove()));
    const jobless = without.map(({ delivery }) => delivery);
    await this.enqueueDeliveries(jobless);
    return jobless;
  }

  /** Sends the day's reminder digests at NOTIFICATIONS_DIGEST_HOUR, local time of the regency. */
  async scheduleDigest(): Promise<void> {
    await this.queue.upsertJobScheduler(
      DIGEST_SCHEDULER,
      { pattern: `0 ${this.env.NOTIFICATIONS_DIGEST_HOUR} * * *`, tz: this.env.TIMEZONE },
      {
        name: NOTIFICATION_JOBS.digest,
        opts: {
          attempts: DIGEST_ATTEMPTS,
          backoff: { type: 'exponential', delay: DIGEST_BACKOFF_MS },
          removeOnComplete: 100,
          removeOnFail: 100,
        },
      },
    );
    this.metrics?.scheduled(NOTIFICATIONS_QUEUE.name, NOTIFICATION_JOBS.digest);
  }

  /**
   * Sets the digest's scheduler again when Redis lost it, or lost the job it had set for the next
   * run; returns whether it had to. Left alone otherwise: upserting would move a run already due.
   */
  async ensureDigestScheduled(): Promise<boolean> {
    const scheduler = await this.queue.getJobScheduler(DIGEST_SCHEDULER);
    const nextRun = scheduler?.next ? await this.queue.getJob(`repeat:${DIGEST_SCHEDULER}:${scheduler.next}`) : undefined;
    if (nextRun) return false;
    await this.scheduleDigest();
    return true;
  }
}
