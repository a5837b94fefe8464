import { JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { Client } from 'pg';
import { schemaFor } from '@alur/database';
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
}

/**
 * Where work waits in the running system, read from its database and stream. Each read is one
 * statement, so one commit in `pg_stat_database`: `queries` lets a meter leave them out.
 */
export class SpineBacklog {
  queries = 0;

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
    const backlog = new SpineBacklog(system, pg, nc, await jetstreamManager(nc), rows.map((r) => r.schema));
    backlog.queries = 1;
    return backlog;
  }

  async read(): Promise<Backlog> {
    const env = { DB_SCHEMA_PREFIX: this.system.env.DB_SCHEMA_PREFIX ?? '' };
    const outbox = this.outboxSchemas.map((s) => `(SELECT count(*) FROM "${s}".outbox_event WHERE published_at IS NULL)`).join(' + ');
    this.queries++;
    const { rows } = await this.pg.query<{ outbox: string; stages: string; deliveries: string }>(
      `SELECT ${outbox || '0'} AS outbox,
              (SELECT count(*) FROM "${schemaFor(env, 'approvals')}".approval_stage WHERE status = 'OPEN') AS stages,
              (SELECT count(*) FROM "${schemaFor(env, 'notifications')}".delivery WHERE status IN ('queued', 'sending', 'retrying')) AS deliveries`,
    );
    const consumers = await this.jsm.consumers.list(this.system.env.NATS_STREAM!).next();
    return {
      outboxUnpublished: Number(rows[0].outbox),
      consumerLag: consumers.reduce((lag, c) => lag + c.num_pending + c.num_ack_pending, 0),
      openStages: Number(rows[0].stages),
      deliveriesUnfinished: Number(rows[0].deliveries),
    };
  }

  async close(): Promise<void> {
    await this.pg.end();
    await this.nc.close();
  }
}

/**
 * Waits until nothing is left to publish, handle or deliver (up to `timeoutMs`); returns the seconds
 * it took, or null when it did not settle.
 */
export async function waitSettled(backlog: SpineBacklog, timeoutMs = 120_000): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const b = await backlog.read();
    if (b.outboxUnpublished === 0 && b.consumerLag === 0 && b.deliveriesUnfinished === 0) return (Date.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return null;
}
