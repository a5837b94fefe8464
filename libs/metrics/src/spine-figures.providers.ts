import { Injectable, Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SpineFigures, SpineHealth } from '@alur/messaging';
import { FigureRow, makeFigureProvider } from './figure.provider';
import { METRICS } from './metric-names';

/**
 * Reads the spine's figures (libs/messaging) once per scrape for the several gauges taken from them:
 * a scrape collects every gauge at once, so they share the read in flight; the next scrape reads anew.
 */
@Injectable()
export class SpineProbe {
  private inFlight?: Promise<SpineFigures>;

  constructor(private readonly spine: SpineHealth) {}

  read(): Promise<SpineFigures> {
    this.inFlight ??= this.spine.figures().finally(() => (this.inFlight = undefined));
    return this.inFlight;
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
const one = (value: number | null | undefined): FigureRow[] => (value === null || value === undefined ? [] : [{ value }]);

/** A gauge read from the spine's figures; a service without a consumer (the gateway) has no consumer figures. */
const spineFigure = (name: string, help: string, pick: (figures: SpineFigures) => FigureRow[], labelNames?: string[]) =>
  makeFigureProvider({
    name,
    help,
    labelNames: labelNames ?? [],
    inject: [SpineProbe],
    read: async (probe: SpineProbe) => pick(await probe.read()),
  });

/** Figures of the event spine and the database that every service has. */
export const SPINE_FIGURE_PROVIDERS: Provider[] = [
  SpineProbe,
  spineFigure(METRICS.outboxBacklog, 'Events recorded in the outbox and not yet published to JetStream', (f) => one(f.outbox.unpublished)),
  spineFigure(METRICS.outboxOldestAge, 'Age of the oldest unpublished outbox event (0 when none waits)', (f) =>
    one(f.outbox.oldestSeconds),
  ),
  spineFigure(METRICS.deadLetters, 'Events this service could not handle, neither replayed nor skipped', (f) =>
    one(f.consumer?.deadLetters),
  ),
  spineFigure(METRICS.parkedAggregates, 'Aggregates whose later events wait behind a dead letter', (f) =>
    one(f.consumer?.parkedAggregates),
  ),
  spineFigure(
    METRICS.inboundEvents,
    'Received events not yet handled, by state (pending, waiting, retrying, held behind a dead letter)',
    (f) =>
      f.consumer
        ? [
            { labels: { state: 'pending' }, value: f.consumer.pending },
            { labels: { state: 'waiting' }, value: f.consumer.waiting },
            { labels: { state: 'retrying' }, value: f.consumer.retrying },
            { labels: { state: 'held' }, value: f.consumer.heldBehindDeadLetters },
          ]
        : [],
    ['state'],
  ),
  spineFigure(METRICS.inboundOldestAge, 'Age of the oldest received event not yet handled', (f) => one(f.consumer?.oldestPendingSeconds)),
  spineFigure(METRICS.consumerRunning, '1 while the JetStream consumer loop runs and its durable consumer exists', (f) =>
    f.consumer ? one(f.consumer.running ? 1 : 0) : [],
  ),
  spineFigure(METRICS.consumerPending, "Stream messages not yet delivered to the service's durable consumer", (f) =>
    one(f.consumer?.undelivered),
  ),
  spineFigure(METRICS.consumerAckPending, 'Messages delivered to the consumer and not yet acknowledged', (f) =>
    one(f.consumer?.ackPending),
  ),
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
