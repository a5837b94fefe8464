import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_ENV, BaseEnv } from '@alur/config';
import { Transactions } from '@alur/database';
import { DeliveryRepository, StaleDelivery } from './delivery.repository';
import { NotificationQueue } from './notification-queue';

/** Longer than any send can take (SMTP socket and gateway timeouts are far shorter). */
export const INTERRUPTED_SENDING_MS = 5 * 60_000;
const STALE_PAGE = 1000;
const INTERRUPTED_REASON = 'interrupted while sending: the message may have gone out; check with the recipient before retrying';

/**
 * Keeps the queue in step with the delivery log, which is the truth: re-enqueues queued or retrying
 * deliveries whose job Redis lost, or whose job finished without writing their outcome (see
 * NotificationQueue.requeueDeliveries), marks deliveries left `sending` by a worker that died as
 * failed, for an operator to look at, and sets the daily digest's scheduler again if Redis lost it.
 */
@Injectable()
export class DeliveryReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryReconciler.name);
  private timer?: NodeJS.Timeout;
  /**
   * A queued delivery without progress for this long has probably lost its job (Redis keeps nothing on disk
   * here): two passes. One still waiting for a slot in a DeliveryDispatcher would have gone to the queue as a
   * job after half a pass (dispatchHoldMs), so it is not queued a second time; one whose job is only slow
   * costs a look at its job's state.
   */
  private readonly staleQueuedMs: number;

  constructor(
    @Inject(APP_ENV) private readonly env: BaseEnv,
    private readonly transactions: Transactions,
    private readonly deliveries: DeliveryRepository,
    private readonly queue: NotificationQueue,
  ) {
    this.staleQueuedMs = 2 * env.NOTIFICATIONS_RECONCILE_SECONDS * 1000;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      void this.reconcile().catch((error) => this.logger.warn({ err: error }, 'Delivery reconciliation failed'));
      void this.restoreDigestSchedule().catch((error) => this.logger.warn({ err: error }, 'Digest scheduler check failed'));
    }, this.env.NOTIFICATIONS_RECONCILE_SECONDS * 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One pass; `page` is how many stale deliveries it looks at a time (their jobs asked of Redis at once). */
  async reconcile(now: Date = new Date(), page = STALE_PAGE): Promise<{ requeued: number; interrupted: number }> {
    // Interrupted sends first: a delivery re-enqueued below may be claimed (and be `sending`) at once.
    const interrupted = await this.transactions.run((tx) =>
      this.deliveries.failInterrupted(tx, INTERRUPTED_SENDING_MS, now, INTERRUPTED_REASON),
    );
    let requeued = 0;
    let after: StaleDelivery | null = null;
    // The queue's waiting and delayed jobs, read once a pass and only when a delivery is stale.
    let pending: ReadonlySet<string> | undefined;
    // Every stale delivery, a page at a time: under a line longer than a page whose jobs only wait, one lost
    // beyond the first page is found in this pass, not once the line has drained.
    for (;;) {
      const stale = await this.deliveries.stale(this.transactions.manager, this.staleQueuedMs, now, after, page);
      if (stale.length > 0) {
        pending ??= await this.queue.pendingJobIds();
        requeued += (await this.queue.requeueDeliveries(stale, pending)).length;
      }
      if (stale.length < page) break;
      after = stale[stale.length - 1];
    }
    if (requeued || interrupted) this.logger.log({ requeued, interrupted }, 'Deliveries reconciled');
    return { requeued, interrupted };
  }

  /** Returns whether the digest's scheduler had to be set again. */
  async restoreDigestSchedule(): Promise<boolean> {
    const restored = await this.queue.ensureDigestScheduled();
    if (restored) this.logger.warn('Set the reminder digest’s scheduler again: Redis had lost it');
    return restored;
  }
}
