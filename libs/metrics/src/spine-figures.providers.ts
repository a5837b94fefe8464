import { Injectable, Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_ENV, BaseEnv, SERVICE_NAME } from '@alur/config';
import { NatsClients } from '@alur/messaging';
import { makeFigureProvider } from './figure.provider';
import { METRICS } from './metric-names';

interface ConsumerFigures {
  pending: number;
  ackPending: number;
  deliveredSeq: number;
}

/** Reads the service's durable consumer once per scrape, for the three figures taken from it. */
@Injectable()
export class ConsumerProbe {
  private last?: { at: number; figures: Promise<ConsumerFigures | null> };

  constructor(
    private readonly nats: NatsClients,
    private readonly env: BaseEnv,
    private readonly durableName: string,
  ) {}

  read(): Promise<ConsumerFigures | null> {
    if (!this.last || Date.now() - this.last.at > 1000) {
      const figures = this.nats.jsm.consumers
        .info(this.env.NATS_STREAM, this.durableName)
        .then((info) => ({ pending: info.num_pending, ackPending: info.num_ack_pending, deliveredSeq: info.delivered.stream_seq }))
        // A service without a consumer (the gateway) has no such figures.
        .catch(() => null);
      this.last = { at: Date.now(), figures };
    }
    return this.last.figures;
  }
}

/** The pg pool TypeORM keeps for the service (PostgresDriver.master). */
interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

const poolOf = (dataSource: DataSource) => (dataSource.driver as unknown as { master?: PgPool }).master;
const one = (value: number | null | undefined) => (value === null || value === undefined ? [] : [{ value }]);

/** A figure that one SQL query over the service's own schema gives as `value`. */
const scalarFigure = (name: string, help: string, sql: string) =>
  makeFigureProvider({
    name,
    help,
    inject: [DataSource],
    read: async (db: DataSource) => one(((await db.query(sql)) as Array<{ value: number }>)[0]?.value),
  });

/** Figures of the event spine and the database that every service has. */
export const SPINE_FIGURE_PROVIDERS: Provider[] = [
  {
    provide: ConsumerProbe,
    inject: [NatsClients, APP_ENV, SERVICE_NAME],
    useFactory: (nats: NatsClients, env: BaseEnv, service: string) => new ConsumerProbe(nats, env, service),
  },
  scalarFigure(
    METRICS.outboxBacklog,
    'Events recorded in the outbox and not yet published to JetStream',
    'SELECT count(*)::int AS value FROM outbox_event WHERE published_at IS NULL',
  ),
  scalarFigure(
    METRICS.outboxOldestAge,
    'Age of the oldest unpublished outbox event (0 when none waits)',
    'SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS value FROM outbox_event WHERE published_at IS NULL',
  ),
  scalarFigure(
    METRICS.deadLetters,
    'Events this service could not handle, not yet replayed',
    'SELECT count(*)::int AS value FROM dead_letter WHERE replayed_at IS NULL',
  ),
  makeFigureProvider({
    name: METRICS.consumerPending,
    help: "Stream messages not yet delivered to the service's durable consumer (its lag)",
    inject: [ConsumerProbe],
    read: async (probe: ConsumerProbe) => one((await probe.read())?.pending),
  }),
  makeFigureProvider({
    name: METRICS.consumerAckPending,
    help: 'Messages delivered to the consumer and not yet acknowledged',
    inject: [ConsumerProbe],
    read: async (probe: ConsumerProbe) => one((await probe.read())?.ackPending),
  }),
  makeFigureProvider({
    name: METRICS.consumerDeliveredSeq,
    help: 'Stream sequence last delivered to the consumer: flat while messages are pending means it stopped',
    inject: [ConsumerProbe],
    read: async (probe: ConsumerProbe) => one((await probe.read())?.deliveredSeq),
  }),
  makeFigureProvider({
    name: METRICS.dbPoolConnections,
    help: 'Connections of the PostgreSQL pool by state (total, idle, waiting clients)',
    labelNames: ['state'],
    inject: [DataSource],
    read: async (db: DataSource) => {
      const pool = poolOf(db);
      if (!pool) return [];
      return [
        { labels: { state: 'total' }, value: pool.totalCount },
        { labels: { state: 'idle' }, value: pool.idleCount },
        { labels: { state: 'waiting' }, value: pool.waitingCount },
      ];
    },
  }),
  makeFigureProvider({
    name: METRICS.dbPoolMax,
    help: 'Size limit of the PostgreSQL pool',
    inject: [DataSource],
    read: async (db: DataSource) => one(poolOf(db)?.options?.max ?? 10),
  }),
];
