import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { Actor, AnswerOf, ConflictError, DeliveryDetail, DeliveryView, ListDeliveries, NotFoundError, RequestOf } from '@alur/contracts';
import { AfterCommit } from '@alur/database';
import { NotificationQueue } from './notification-queue';

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);
const viewOf = (row: Record<string, any>): DeliveryView => ({
  id: row.id,
  recipient: { userId: row.recipient_user_id, username: row.username ?? null },
  channel: row.channel,
  kind: row.kind,
  address: row.address,
  subject: row.subject,
  status: row.status,
  attempts: row.attempts,
  lastError: row.last_error,
  providerMessageId: row.provider_message_id,
  createdAt: iso(row.created_at)!,
  updatedAt: iso(row.updated_at)!,
  sentAt: iso(row.sent_at),
});

const SELECT = `SELECT d.*, r.username FROM delivery d LEFT JOIN recipient r ON r.user_id = d.recipient_user_id`;

/** The operators' view of the delivery log ("was the Camat told?"), and their retry of a failed delivery. */
@Injectable()
export class DeliveryLogUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly afterCommit: AfterCommit,
    private readonly queue: NotificationQueue,
    private readonly audit: AuditTrail,
  ) {}

  /** The query's shape and limits (a known status, limit 1 to 200) are the contract's (ListDeliveries), checked before this runs. */
  async list(query: RequestOf<typeof ListDeliveries>): Promise<AnswerOf<typeof ListDeliveries>> {
    const { status, recipient, limit, offset } = query;
    const where = `WHERE d.status = $1 AND ($2::text IS NULL OR r.username = $2 OR d.recipient_user_id = $2)`;
    const rows = await this.dataSource.query(`${SELECT} ${where} ORDER BY d.updated_at DESC, d.id LIMIT $3 OFFSET $4`, [
      status,
      recipient ?? null,
      limit,
      offset,
    ]);
    const [{ count }] = await this.dataSource.query(
      `SELECT count(*) FROM delivery d LEFT JOIN recipient r ON r.user_id = d.recipient_user_id ${where}`,
      [status, recipient ?? null],
    );
    return { items: rows.map(viewOf), total: Number(count), limit, offset };
  }

  async get(deliveryId: string): Promise<DeliveryDetail> {
    const [row] = await this.dataSource.query(`${SELECT} WHERE d.id = $1`, [deliveryId]);
    if (!row) throw new NotFoundError('No such delivery');
    const attempts: Array<Record<string, any>> = await this.dataSource.query(
      'SELECT attempt, outcome, reason, occurred_at FROM delivery_attempt WHERE delivery_id = $1 ORDER BY id',
      [deliveryId],
    );
    return {
      ...viewOf(row),
      history: attempts.map((a) => ({ attempt: a.attempt, outcome: a.outcome, reason: a.reason, at: iso(a.occurred_at)! })),
    };
  }

  /** Queues a failed delivery again, with a full set of attempts, on the audit trail; anything not failed answers 409. */
  async retry(admin: Actor, deliveryId: string): Promise<DeliveryDetail> {
    await this.dataSource.transaction(async (tx) => {
      const [rows] = await tx.query(
        `UPDATE delivery SET status = 'queued', retry_round = retry_round + 1, updated_at = now()
         WHERE id = $1 AND status = 'failed' RETURNING retry_round, attempts`,
        [deliveryId],
      );
      const retried = (rows as Array<{ retry_round: number; attempts: number }>)[0];
      if (!retried) {
        const [current] = await tx.query('SELECT status FROM delivery WHERE id = $1', [deliveryId]);
        if (!current) throw new NotFoundError('No such delivery');
        throw new ConflictError(`Only a failed delivery can be retried; this one is ${current.status}`);
      }
      await tx.query(`INSERT INTO delivery_attempt (delivery_id, attempt, outcome, reason) VALUES ($1, $2, 'queued', $3)`, [
        deliveryId,
        retried.attempts,
        `retry requested by ${admin.username}`,
      ]);
      await this.audit.record(tx, {
        actor: admin,
        action: 'notification-delivery.retried',
        entityType: 'notification-delivery',
        entityId: deliveryId,
        fromStatus: 'failed',
        toStatus: 'queued',
        after: { retryRound: retried.retry_round, attempts: retried.attempts },
      });
      this.afterCommit.run(tx, () => this.queue.enqueueDeliveries([{ id: deliveryId, retryRound: retried.retry_round }]));
    });
    return this.get(deliveryId);
  }
}
