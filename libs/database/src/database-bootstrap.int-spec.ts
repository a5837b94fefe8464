import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { createTestIsolation, expectEventually, openTestDatabase, removeTestResources } from '@alur/testing';
import { openServiceDatabase, serviceDataSourceOptions, warnWithoutAutovacuum } from './database-bootstrap';

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

  it('lets two replicas start together while a migration builds an index CONCURRENTLY: both start, the migrations run once', async () => {
    const schema = `${isolation.env.DB_SCHEMA_PREFIX}replicas`;
    class CreateNotes1700000000001 implements MigrationInterface {
      name = 'CreateNotes1700000000001';
      async up(q: QueryRunner) {
        await q.query('CREATE TABLE note (id int, body text)');
        // Long enough for the other replica to be waiting for the lock when the index is built.
        await q.query('SELECT pg_sleep(0.5)');
      }
      async down(q: QueryRunner) {
        await q.query('DROP TABLE note');
      }
    }
    class IndexNotes1700000000002 implements MigrationInterface {
      name = 'IndexNotes1700000000002';
      transaction = false as const;
      async up(q: QueryRunner) {
        await q.query('CREATE INDEX CONCURRENTLY note_body ON note (body)');
      }
      async down(q: QueryRunner) {
        await q.query('DROP INDEX note_body');
      }
    }
    const replica = (n: number) =>
      openServiceDatabase(
        serviceDataSourceOptions({
          url: isolation.env.DATABASE_URL!,
          schema,
          entities: [],
          migrations: [CreateNotes1700000000001, IndexNotes1700000000002],
          applicationName: `alur-${isolation.id}-replica-${n}`,
          poolSize: 2,
        }),
      );

    const started = await Promise.allSettled([replica(1), replica(2)]);

    try {
      // Waiting in pg_advisory_lock, the second replica was ended by PostgreSQL as a deadlock with the index build.
      expect(started.map((result) => (result.status === 'rejected' ? String(result.reason) : 'started'))).toEqual(['started', 'started']);
      const ran = (await dataSource.query(`SELECT name FROM "${schema}".migrations ORDER BY id`)) as Array<{ name: string }>;
      expect(ran.map((row) => row.name)).toEqual(['CreateNotes1700000000001', 'IndexNotes1700000000002']);
      const [index] = (await dataSource.query(
        `SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
          WHERE c.relname = 'note_body' AND c.relnamespace = $1::regnamespace`,
        [schema],
      )) as Array<{ valid: boolean }>;
      expect(index).toEqual({ valid: true });
    } finally {
      await Promise.all(started.map((result) => (result.status === 'fulfilled' ? result.value.destroy() : undefined)));
    }
  });
});
