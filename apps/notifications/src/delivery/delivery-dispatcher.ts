import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_ENV, BaseEnv } from '@alur/config';
import { NOTIFICATIONS_QUEUE } from '@alur/jobs';
import { contextOfCarrier, currentTraceCarrier, inSpan, SpanKind, TraceCarrier, tracingEnabled } from '@alur/observability';
import { DeliveryFailedError } from './channels/channel-sender';
import { NotificationQueue } from './notification-queue';
import { DeliverNotificationUseCase } from './use-cases/deliver-notification.use-case';

/**
 * Deliveries waiting here for a free slot at most; more go to the queue as jobs, where Redis holds
 * them instead of this process's memory (a deadline day's burst, a digest for a whole regency).
 */
export const DISPATCH_WAITING_MAX = 1_000;

/**
 * How long a delivery may wait here for a slot before it goes to the queue as a job: half a pass of
 * DeliveryReconciler, which takes a delivery `queued` for two passes for one whose job was lost. So
 * such a delivery always has a job unless its process died, and the reconciler never queues again one
 * that a process still holds (which would then be tried twice, the second try finding it claimed).
 */
export function dispatchHoldMs(env: Pick<BaseEnv, 'NOTIFICATIONS_RECONCILE_SECONDS'>): number {
  return (env.NOTIFICATIONS_RECONCILE_SECONDS * 1000) / 2;
}

interface NewDelivery {
  id: string;
  retryRound: number;
}

interface Waiting {
  delivery: NewDelivery;
  /** When it came here (Date.now()). */
  since: number;
  /** The trace of the change that created it, when tracing is on: an attempt started later, from another's end, continues it. */
  cause?: TraceCarrier;
}

/** A waiting delivery as it goes to the queue: its job continues the trace that created it, not the timer's. */
function withCause({ delivery, cause }: Waiting): NewDelivery & { cause?: TraceCarrier } {
  return cause ? { ...delivery, cause } : delivery;
}

/**
 * Makes the first attempt of new deliveries in this process, as soon as the transaction that created
 * them has committed, and hands the later attempts to the notifications queue, which times them with
 * back-off. A BullMQ job, added, worked and completed with the queue's options, cost about 0.9 ms of CPU
 * here (0.65 ms in the service, 0.25 ms in Redis); a grant lifecycle makes about 15 deliveries, and nearly
 * every one goes out at its first attempt.
 *
 * Nothing is lost or sent twice by going around the queue. The delivery row, committed before it comes
 * here, is the truth: an attempt claims it first (DeliverNotificationUseCase), so a job that reaches it
 * too does nothing; and a delivery this process never got to is queued as a job when it stops, or, if it
 * died, still `queued` in the database, where DeliveryReconciler finds it after two of its passes
 * (NOTIFICATIONS_RECONCILE_SECONDS). A line that sends cannot keep up with is not held here for long
 * (dispatchHoldMs): its older part goes to the queue, whose worker's slots then join these.
 */
@Injectable()
export class DeliveryDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryDispatcher.name);
  private readonly waiting: Waiting[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly holdMs: number;
  private timer?: NodeJS.Timeout;
  private stopping = false;

  constructor(
    @Inject(APP_ENV) private readonly env: BaseEnv,
    private readonly deliver: DeliverNotificationUseCase,
    private readonly queue: NotificationQueue,
  ) {
    this.holdMs = dispatchHoldMs(env);
  }

  onApplicationBootstrap(): void {
    // A quarter of the hold: nothing waits here much beyond it, even while every slot's send hangs.
    this.timer = setInterval(() => void this.queueLongWaiting(), Math.max(1_000, this.holdMs / 4));
    this.timer.unref();
  }

  /** Called once the deliveries are committed; resolves when each is under way or on the queue. */
  async dispatch(deliveries: readonly NewDelivery[]): Promise<void> {
    const free = Math.max(0, NOTIFICATIONS_QUEUE.concurrency - this.running.size);
    const room = this.stopping ? 0 : free + Math.max(0, DISPATCH_WAITING_MAX - this.waiting.length);
    const cause = tracingEnabled() ? currentTraceCarrier() : undefined;
    const since = Date.now();
    for (const delivery of deliveries.slice(0, room)) this.waiting.push({ delivery, since, cause });
    this.startAttempts();
    const overflow = deliveries.slice(room);
    if (overflow.length > 0) await this.queue.enqueueDeliveries(overflow);
  }

  /**
   * Queues as jobs the deliveries that have waited here for a slot longer than the hold. If Redis cannot
   * take them they wait on here, at the front: sooner sent by this process than by the reconciler later.
   */
  async queueLongWaiting(now = Date.now()): Promise<void> {
    const young = this.waiting.findIndex((waiting) => now - waiting.since < this.holdMs);
    const old = this.waiting.splice(0, young === -1 ? this.waiting.length : young);
    if (old.length === 0) return;
    try {
      await this.queue.enqueueDeliveries(old.map(withCause));
      this.logger.log({ deliveries: old.length, holdMs: this.holdMs }, 'Queued as jobs the deliveries that waited too long for a slot');
    } catch (error) {
      this.logger.warn({ err: error, deliveries: old.length }, 'Could not queue the deliveries that waited too long; they wait on here');
      if (!this.stopping) {
        this.waiting.unshift(...old);
        this.startAttempts();
      }
    }
  }

  /** What waits goes to the queue, and the attempts under way finish (their outcomes written), before the queue closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    const left = this.waiting.splice(0).map(withCause);
    if (left.length > 0) {
      await this.queue
        .enqueueDeliveries(left)
        .catch((error) =>
          this.logger.warn({ err: error, deliveries: left.length }, 'Could not queue the deliveries left; the reconciler will'),
        );
    }
    await Promise.all(this.running);
  }

  private startAttempts(): void {
    while (this.running.size < NOTIFICATIONS_QUEUE.concurrency && this.waiting.length > 0) {
      const attempt = this.firstAttempt(this.waiting.shift()!).finally(() => {
        this.running.delete(attempt);
        this.startAttempts();
      });
      this.running.add(attempt);
    }
  }

  private async firstAttempt({ delivery, cause }: Waiting): Promise<void> {
    if (!tracingEnabled()) return this.attempt(delivery);
    const span = {
      kind: SpanKind.INTERNAL,
      parent: contextOfCarrier(cause),
      attributes: { 'alur.delivery': delivery.id, 'alur.attempt': 1 },
    };
    return inSpan('deliver', span, () => this.attempt(delivery));
  }

  private async attempt(delivery: NewDelivery): Promise<void> {
    const attempts = this.env.NOTIFICATIONS_MAX_ATTEMPTS;
    try {
      await this.deliver.execute(delivery.id, attempts === 1);
      return;
    } catch (error) {
      try {
        // A failed send is recorded (the row is `retrying`): the queue makes the rest of the attempts. Anything
        // else left the row `queued` (its claim could not be written, say), and a job makes every attempt; or
        // `sending` (only its outcome could not be written), which a job leaves to the reconciler and an operator.
        if (error instanceof DeliveryFailedError) {
          if (attempts > 1) await this.queue.enqueueRetry(delivery, attempts - 1);
        } else {
          await this.queue.enqueueDeliveries([delivery]);
        }
      } catch (queueError) {
        // Redis away: the row waits as it is, and the reconciler queues it.
        this.logger.warn({ err: queueError, deliveryId: delivery.id }, 'Could not queue a delivery after its first attempt');
      }
    }
  }
}
