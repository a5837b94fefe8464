import { JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { schemaFor } from '@alur/database';
import { NOTIFICATIONS_QUEUE } from '@alur/jobs';
import { deliveryJobId } from '../../apps/notifications/src/delivery/notification-queue';
import { RunningSystem } from './running-system';

export interface Backlog {
  /** Committed events no relay has published yet, all services together. */
  outboxUnpublished: number;
  /** Events published but not yet handled: pending plus delivered-unacknowledged, all consumers together. */
  consumerLag: number;
  /** Approval stages waiting for an official. */
  openStages: number;
  /** E-mail/SMS deliveries queued, sending or waiting to retry. */
  deliveriesUnfinished: number;
  /**
   * Of those, deliveries `sending` for longer than any send here takes (or, when a kill's time was given,
   * last touched before it): the worker died mid-send. Whether the message went out is unknown, so it
   * is never sent again automatically (DeliveryReconciler marks it failed for an operator after 5 minutes).
   */
  deliveriesInterrupted: number;
}

/** Far longer than a send to the local mail catcher takes, even on a loaded machine. */
const INTERRUPTED_SEND_SECONDS = 10;

/**
 * Where work waits in the running system, read from its database and stream. Each read is one
 * statement, so one commit in `pg_stat_database`: `queries` lets a meter leave them out.
 */
export class SpineBacklog {
  queries = 0;
  /** The figures of the last read: what kept the system from settling, when it did not. */
  last?: Backlog;

  private constructor(
    private readonly system: RunningSystem,
    private readonly pg: Client,
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    private readonly outboxSchemas: string[],
  ) {}

  static async open(system: RunningSystem): Promise<SpineBacklog> {
    const pg = new Client({ connectionString: system.databaseUrl, application_name: 'alur-bench-backlog' });
    await pg.connect();
    const { rows } = await pg.query<{ schema: string }>(
      `SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'outbox_event' AND table_schema LIKE $1`,
      [`${system.env.DB_SCHEMA_PREFIX}%`],
    );
    const nc = await connect({ servers: system.env.NATS_URL, name: 'alur-bench-backlog' });
    const backlog = new SpineBacklog(
      system,
      pg,
      nc,
      await jetstreamManager(nc),
      rows.map((r) => r.schema),
    );
    backlog.queries = 1;
    return backlog;
  }

  /** `interruptedBefore`: the time the notifications worker was killed, when it was (see Backlog.deliveriesInterrupted). */
  async read(interruptedBefore?: Date): Promise<Backlog> {
    const env = { DB_SCHEMA_PREFIX: this.system.env.DB_SCHEMA_PREFIX ?? '' };
    const outbox = this.outboxSchemas.map((s) => `(SELECT count(*) FROM "${s}".outbox_event WHERE published_at IS NULL)`).join(' + ');
    this.queries++;
    const deliveries = `"${schemaFor(env, 'notifications')}".delivery`;
    const { rows } = await this.pg.query<{ outbox: string; stages: string; deliveries: string; interrupted: string }>(
      `SELECT ${outbox || '0'} AS outbox,
              (SELECT count(*) FROM "${schemaFor(env, 'approvals')}".approval_stage WHERE status = 'OPEN') AS stages,
              (SELECT count(*) FROM ${deliveries} WHERE status IN ('queued', 'sending', 'retrying')) AS deliveries,
              (SELECT count(*) FROM ${deliveries}
                WHERE status = 'sending' AND updated_at <= coalesce($2, now() - make_interval(secs => $1))) AS interrupted`,
      [INTERRUPTED_SEND_SECONDS, interruptedBefore ?? null],
    );
    const consumers = await this.jsm.consumers.list(this.system.env.NATS_STREAM!).next();
    return (this.last = {
      outboxUnpublished: Number(rows[0].outbox),
      consumerLag: consumers.reduce((lag, c) => lag + c.num_pending + c.num_ack_pending, 0),
      openStages: Number(rows[0].stages),
      deliveriesUnfinished: Number(rows[0].deliveries),
      deliveriesInterrupted: Number(rows[0].interrupted),
    });
  }

  /** The unfinished deliveries by status, e.g. `{ sending: 3 }`: which of them a run that did not settle was left with. */
  async unfinishedDeliveries(): Promise<Record<string, number>> {
    this.queries++;
    const { rows } = await this.pg.query<{ status: string; count: number }>(
      `SELECT status, count(*)::int AS count FROM "${schemaFor({ DB_SCHEMA_PREFIX: this.system.env.DB_SCHEMA_PREFIX ?? '' }, 'notifications')}".delivery
        WHERE status IN ('queued', 'sending', 'retrying') GROUP BY status ORDER BY status`,
    );
    return Object.fromEntries(rows.map((r) => [r.status, r.count]));
  }

  /**
   * Up to `limit` unfinished deliveries, oldest first, each with the state of its BullMQ job (`none` when
   * Redis holds none): what a run that did not settle was stuck on, and whether the queue still knew of it.
   */
  async stuckDeliveries(limit = 5): Promise<Array<{ id: string; status: string; attempts: number; updatedAt: string; job: string }>> {
    this.queries++;
    const { rows } = await this.pg.query<{ id: string; status: string; attempts: number; retry_round: number; updated_at: Date }>(
      `SELECT id, status, attempts, retry_round, updated_at
         FROM "${schemaFor({ DB_SCHEMA_PREFIX: this.system.env.DB_SCHEMA_PREFIX ?? '' }, 'notifications')}".delivery
        WHERE status IN ('queued', 'sending', 'retrying') ORDER BY updated_at LIMIT $1`,
      [limit],
    );
    const redis = new Redis(this.system.env.REDIS_URL!, { maxRetriesPerRequest: null });
    const queue = new Queue(NOTIFICATIONS_QUEUE.name, { connection: redis, prefix: this.system.env.QUEUE_PREFIX });
    try {
      return await Promise.all(
        rows.map(async (row) => {
          const job = await queue.getJob(deliveryJobId(row.id, row.retry_round));
          return {
            id: row.id,
            status: row.status,
            attempts: row.attempts,
            updatedAt: row.updated_at.toISOString(),
            job: job
              ? `${await job.getState()} (attempts made ${job.attemptsMade}${job.failedReason ? `, ${job.failedReason}` : ''})`
              : 'none',
          };
        }),
      );
    } finally {
      await queue.close();
      redis.disconnect();
    }
  }

  async close(): Promise<void> {
    await this.pg.end();
    await this.nc.close();
  }
}

/** The figures of a backlog that are not zero, e.g. `deliveriesUnfinished 3, deliveriesInterrupted 3`; `nothing` when all are. */
export function backlogLeft(backlog: Backlog): string {
  const left = Object.entries(backlog).filter(([, n]) => n !== 0);
  return left.length ? left.map(([figure, n]) => `${figure} ${n}`).join(', ') : 'nothing';
}

/**
 * Waits until nothing is left to publish, handle or deliver (up to `timeoutMs`); returns the seconds
 * it took, or null when it did not settle. With `interruptedSends`, deliveries left `sending` by a
 * killed worker do not count: they wait for an operator, not for the system. Given the kill's time,
 * those are the deliveries last touched before it, so that a send merely slow (a loaded machine) is
 * waited for, as the checks after (ChaosChecks.deliveredOnce) count it as not interrupted.
 */
export async function waitSettled(
  backlog: SpineBacklog,
  timeoutMs = 120_000,
  options: { interruptedSends?: boolean | Date } = {},
): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await settledNow(backlog, options)) return (Date.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return null;
}

/** One reading of the backlog: nothing left to publish, handle or deliver (see waitSettled for `interruptedSends`). */
export async function settledNow(backlog: SpineBacklog, options: { interruptedSends?: boolean | Date } = {}): Promise<boolean> {
  const b = await backlog.read(options.interruptedSends instanceof Date ? options.interruptedSends : undefined);
  const deliveries = b.deliveriesUnfinished - (options.interruptedSends ? b.deliveriesInterrupted : 0);
  return b.outboxUnpublished === 0 && b.consumerLag === 0 && deliveries === 0;
}
