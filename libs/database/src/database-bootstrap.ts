import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource, DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import { PreparingClient } from './preparing-client';

type MigrationClass = new () => unknown;
export interface ServiceDatabaseOptions {
  url: string;
  schema: string;
  entities: MixedList<Function | string | EntitySchema>;
  migrations: MigrationClass[];
  applicationName: string;
  poolSize?: number;
  /** How long a pooled connection may sit idle before it is closed (0: never); pg's 10 s unless given. */
  poolIdleTimeoutMs?: number;
  /** Prepare each parameterised statement once per connection (PreparingClient); on unless turned off. */
  preparedStatements?: boolean;
}

/** Creates the database named in the URL if it does not exist yet (a fresh machine has none). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // another service created it first
      });
    }
  } finally {
    await client.end();
  }
}

export type ServiceDataSourceOptions = Extract<DataSourceOptions, { type: 'postgres' }> & { url: string; schema: string };

export function serviceDataSourceOptions(options: ServiceDatabaseOptions): ServiceDataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    // Never synchronize: the schema changes only through reviewed migrations.
    synchronize: false,
    migrationsRun: false,
    applicationName: options.applicationName,
    poolSize: options.poolSize ?? 10,
    extra: {
      // Unqualified names in migrations and raw SQL resolve to the service's own schema.
      options: `-c search_path=${options.schema}`,
      ...(options.poolIdleTimeoutMs === undefined ? {} : { idleTimeoutMillis: options.poolIdleTimeoutMs }),
      ...(options.preparedStatements === false ? {} : { Client: PreparingClient }),
    },
  };
}

/** How long a replica waits before it asks again for the lock another replica migrates under. */
const MIGRATION_LOCK_POLL_MS = 200;

/**
 * Opens the service's data source and brings its schema up to date. Replicas starting together
 * serialise on an advisory lock so that each migration runs once. A replica asks for the lock again
 * and again rather than waiting in `pg_advisory_lock`: a statement waiting there holds a snapshot for
 * the whole wait, and a migration that builds an index CONCURRENTLY waits for every older snapshot to
 * end, so the two would wait for each other, which PostgreSQL ends as a deadlock, failing the waiting
 * replica's start.
 */
export async function openServiceDatabase(options: ServiceDataSourceOptions): Promise<DataSource> {
  await ensureDatabase(options.url);
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  survivePoolErrors(dataSource);
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    for (;;) {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [
        `alur-migrate:${options.schema}`,
      ])) as Array<{ locked: boolean }>;
      if (locked) break;
      await sleep(MIGRATION_LOCK_POLL_MS);
    }
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`alur-migrate:${options.schema}`]).catch(() => undefined);
    await runner.release();
  }
  return dataSource;
}

/**
 * Said when a service starts on a server without autovacuum: dead row versions then pile up and the
 * planner's statistics go stale, and every query grows slower with the data, unless someone vacuums and
 * analyses the tables by hand. The server's settings are the operator's business, so only a warning;
 * command-line tools (seeds, admin:create) keep their output to what they did.
 */
export function upkeepWarning([setting]: Array<{ autovacuum: string }>): string | undefined {
  if (setting?.autovacuum !== 'off') return undefined;
  return 'PostgreSQL runs with autovacuum off: tables bloat and queries slow down as data grows unless VACUUM ANALYZE is run by hand';
}

/** Logs upkeepWarning's warning when the service's server has autovacuum off. */
export async function warnWithoutAutovacuum(dataSource: DataSource, schema: string): Promise<void> {
  const warning = upkeepWarning((await dataSource.query('SHOW autovacuum')) as Array<{ autovacuum: string }>);
  if (warning) new Logger('Database').warn({ schema }, warning);
}

/**
 * pg emits 'error' on a connection the server ends (a restart, pg_terminate_backend). pg-pool listens
 * only while a connection sits idle in the pool; one that is checked out between queries (a session
 * lock held across other work) would crash the process with an unhandled 'error'. Every connection
 * gets a listener: the failure then surfaces in the next query on it, as a rejected promise.
 */
function survivePoolErrors(dataSource: DataSource): void {
  const pool = (dataSource.driver as unknown as { master?: PoolLike }).master;
  if (!pool) return;
  const ignore = () => undefined;
  pool.on('connect', (client) => client.on('error', ignore));
  for (const client of pool._clients ?? []) client.on('error', ignore);
}

interface PoolLike {
  on(event: 'connect', listener: (client: { on(event: 'error', listener: () => void): void }) => void): void;
  _clients?: Array<{ on(event: 'error', listener: () => void): void }>;
}
