import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import { Client } from 'pg';
// Relative: Jest's global teardown runs without the @alur path mapping.
import { ensureDatabase } from '../../database/src/database-bootstrap';

/** Drops everything a test run (or one isolation) created: schemas, streams and queue keys with its prefix. */
export async function removeTestResources(prefix: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const databaseUrl = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/alur_test';
  await ensureDatabase(databaseUrl);
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  try {
    const { rows } = await pg.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE nspname LIKE $1', [`${prefix}%`]);
    for (const { nspname } of rows) await pg.query(`DROP SCHEMA IF EXISTS "${nspname}" CASCADE`);
  } finally {
    await pg.end();
  }

  const nc = await connect({ servers: env.NATS_URL ?? 'nats://127.0.0.1:4222' });
  try {
    const jsm = await jetstreamManager(nc);
    for await (const name of jsm.streams.names()) {
      if (name.startsWith(prefix.toUpperCase())) await jsm.streams.delete(name);
    }
  } finally {
    await nc.close();
  }

  const redis = new Redis(env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
