import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@alur/audit';
import {
  Actor,
  AnswerOf,
  ConflictError,
  DeliveryDetail,
  ListDeliveries,
  NotFoundError,
  pageFields,
  RequestOf,
  sliceOf,
} from '@alur/contracts';
import { AfterCommit, Transactions } from '@alur/database';
import { DeliveryRepository } from '../delivery.repository';
import { deliveryDetailOf, deliveryViewOf } from '../domain/delivery-log-entry';
import { NotificationQueue } from '../notification-queue';

/** The operators' view of the delivery log ("was the Camat told?"), and their retry of a failed delivery. */
@Injectable()
export class DeliveryLogUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly deliveries: DeliveryRepository,
    private readonly afterCommit: AfterCommit,
    private readonly queue: NotificationQueue,
    private readonly audit: AuditTrail,
  ) {}

  /** The query's shape and limits (a known status, pages of 1 to 200) are the contract's (ListDeliveries), checked before this runs. */
  async list(query: RequestOf<typeof ListDeliveries>): Promise<AnswerOf<typeof ListDeliveries>> {
    const { status, recipient } = query;
    const slice = sliceOf(query);
    const db = this.transactions.manager;
    const filter = { status, recipient: recipient ?? null, ...slice };
    const entries = await this.deliveries.list(db, filter);
    const total = await this.deliveries.count(db, filter);
    return { items: entries.map(deliveryViewOf), total, ...pageFields(slice) };
  }

  async get(deliveryId: string): Promise<DeliveryDetail> {
    const db = this.transactions.manager;
    const entry = await this.deliveries.find(db, deliveryId);
    if (!entry) throw new NotFoundError('No such delivery');
    return deliveryDetailOf(entry, await this.deliveries.attemptsOf(db, deliveryId));
  }

  /** Queues a failed delivery again, with a full set of attempts, on the audit trail; anything not failed answers 409. */
  async retry(admin: Actor, deliveryId: string): Promise<DeliveryDetail> {
    await this.transactions.run(async (tx) => {
      const retried = await this.deliveries.requeueFailed(tx, deliveryId);
      if (!retried) {
        const status = await this.deliveries.statusOf(tx, deliveryId);
        if (!status) throw new NotFoundError('No such delivery');
        throw new ConflictError(`Only a failed delivery can be retried; this one is ${status}`);
      }
      await this.deliveries.recordAttempt(tx, deliveryId, retried.attempts, 'queued', `retry requested by ${admin.username}`);
      await this.audit.record(tx, {
        actor: admin,
        action: 'notification-delivery.retried',
        entityType: 'notification-delivery',
        entityId: deliveryId,
        fromStatus: 'failed',
        toStatus: 'queued',
        after: { retryRound: retried.retryRound, attempts: retried.attempts },
      });
      this.afterCommit.run(tx, () => this.queue.enqueueDeliveries([{ id: deliveryId, retryRound: retried.retryRound }]));
    });
    return this.get(deliveryId);
  }
}
