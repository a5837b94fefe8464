import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createTestIsolation, expectEventually, openTestDatabase, removeTestResources } from '@alur/testing';
import { warnWithoutAutovacuum } from './database-bootstrap';

describe('a service database', () => {
  const isolation = createTestIsolation();
  const applicationName = `alur-${isolation.id}-terminated`;
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openTestDatabase(isolation, 'db', { applicationName });
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('survives the server ending a connection that is checked out between queries, and goes on', async () => {
    // A session lock held across other work: the connection is out of the pool, with no query running.
    const held = dataSource.createQueryRunner();
    await held.connect();
    await held.query('SELECT 1');
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    const admin = new Client({ connectionString: isolation.env.DATABASE_URL });
    await admin.connect();
    try {
      const { rowCount } = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [
        applicationName,
      ]);
      expect(rowCount).toBeGreaterThan(0);
      // The ended connection fails its next query instead of crashing the process: with the server's
      // error if the query goes first, or as released if the connection's error event came first.
      await expect(held.query('SELECT 1')).rejects.toThrow(/terminat|Connection|already released/i);
      await held.release().catch(() => undefined);
      await expectEventually(async () => expect(await dataSource.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]));
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
      await admin.end();
    }
  });

  it('closes a pooled connection idle past its timeout, and keeps one open when told to', async () => {
    const brief = await openTestDatabase(isolation, 'db', { applicationName: `alur-${isolation.id}-brief`, poolIdleTimeoutMs: 200 });
    const kept = await openTestDatabase(isolation, 'db', { applicationName: `alur-${isolation.id}-kept`, poolIdleTimeoutMs: 0 });
    const admin = new Client({ connectionString: isolation.env.DATABASE_URL });
    await admin.connect();
    const connections = async (name: string) =>
      (await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [name])).rows[0].n as number;
    try {
      await Promise.all([brief.query('SELECT 1'), kept.query('SELECT 1')]);
      const keptOpen = await connections(`alur-${isolation.id}-kept`);
      expect(keptOpen).toBeGreaterThan(0);
      await expectEventually(async () => expect(await connections(`alur-${isolation.id}-brief`)).toBe(0));
      // Idle as long as the others, and longer: all still there.
      expect(await connections(`alur-${isolation.id}-kept`)).toBe(keptOpen);
    } finally {
      await admin.end();
      await Promise.all([brief.destroy(), kept.destroy()]);
    }
  });

  it('warns when the server runs without autovacuum, and only then', async () => {
    const [{ autovacuum }] = (await dataSource.query('SHOW autovacuum')) as Array<{ autovacuum: string }>;
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      await warnWithoutAutovacuum(dataSource, 'db');
      const warned = warn.mock.calls.some(([, message]) => String(message).includes('autovacuum off'));
      expect(warned).toBe(autovacuum === 'off');
    } finally {
      warn.mockRestore();
    }
  });
});
