import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Transactions } from '@alur/database';
import { DeliveryRepository } from './delivery.repository';
import { NotificationQueue } from './notification-queue';

/** A queued delivery without progress for this long has probably lost its job (Redis keeps nothing on disk here). */
export const STALE_QUEUED_MS = 60_000;
/** Longer than any send can take (SMTP socket and gateway timeouts are far shorter). */
export const INTERRUPTED_SENDING_MS = 5 * 60_000;
const INTERVAL_MS = 30_000;
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

  constructor(
    private readonly transactions: Transactions,
    private readonly deliveries: DeliveryRepository,
    private readonly queue: NotificationQueue,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      void this.reconcile().catch((error) => this.logger.warn({ err: error }, 'Delivery reconciliation failed'));
      void this.restoreDigestSchedule().catch((error) => this.logger.warn({ err: error }, 'Digest scheduler check failed'));
    }, INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async reconcile(now: Date = new Date()): Promise<{ requeued: number; interrupted: number }> {
    // Interrupted sends first: a delivery re-enqueued below may be claimed (and be `sending`) at once.
    const interrupted = await this.transactions.run((tx) =>
      this.deliveries.failInterrupted(tx, INTERRUPTED_SENDING_MS, now, INTERRUPTED_REASON),
    );
    const stale = await this.deliveries.stale(this.transactions.manager, STALE_QUEUED_MS, now);
    await this.queue.requeueDeliveries(stale);
    if (stale.length || interrupted) this.logger.log({ requeued: stale.length, interrupted }, 'Deliveries reconciled');
    return { requeued: stale.length, interrupted };
  }

  /** Returns whether the digest's scheduler had to be set again. */
  async restoreDigestSchedule(): Promise<boolean> {
    const restored = await this.queue.ensureDigestScheduled();
    if (restored) this.logger.warn('Set the reminder digest’s scheduler again: Redis had lost it');
    return restored;
  }
}
