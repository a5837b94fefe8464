import { Client } from 'pg';
import { ensureDatabase } from '@alur/database';
import { createTestIsolation, expectEventually } from '@alur/testing';
import { AutovacuumStandIn } from '../../bench/shared/autovacuum-stand-in';
import { dropDatabase } from '../../bench/shared/running-system';

/** The benches' stand-in for autovacuum, on a database of its own (it looks at every table of the one it is given). */
describe('the benches’ autovacuum stand-in', () => {
  const isolation = createTestIsolation();
  const databaseName = `alur_upkeep_${isolation.id}`;
  const url = new URL(isolation.env.DATABASE_URL!);
  url.pathname = `/${databaseName}`;
  const db = new Client({ connectionString: url.toString() });
  let standIn: AutovacuumStandIn | undefined;

  beforeAll(async () => {
    await ensureDatabase(url.toString());
    await db.connect();
  });

  afterAll(async () => {
    await standIn?.close();
    await db.end();
    await dropDatabase(url.toString(), databaseName);
  });

  it('vacuums a table whose dead rows are past autovacuum’s threshold, as autovacuum would, and leaves a quiet one alone', async () => {
    await db.query('CREATE TABLE churned (id int PRIMARY KEY, n int)');
    await db.query('CREATE TABLE quiet (id int PRIMARY KEY)');
    await db.query('INSERT INTO churned SELECT g, 0 FROM generate_series(1, 500) g');
    await db.query('INSERT INTO quiet VALUES (1)');
    await db.query('ANALYZE quiet');
    // Every row updated twice: 1,000 dead versions against a threshold of 50 + 20% of 500.
    await db.query('UPDATE churned SET n = n + 1');
    await db.query('UPDATE churned SET n = n + 1');
    const stats = async (table: string) =>
      (
        await db.query<{ dead: string; vacuums: string }>(
          'SELECT n_dead_tup AS dead, vacuum_count AS vacuums FROM pg_stat_user_tables WHERE relname = $1',
          [table],
        )
      ).rows[0];
    // The server publishes a backend's table counters a moment after its transactions end.
    await expectEventually(async () => expect(Number((await stats('churned')).dead)).toBeGreaterThan(150));

    standIn = await AutovacuumStandIn.open(url.toString(), 0.05, false);

    // The server counts the VACUUM as it ends, a moment before the stand-in's await resumes and counts it:
    // both are awaited.
    await expectEventually(async () => {
      const churned = await stats('churned');
      expect(Number(churned.vacuums)).toBeGreaterThanOrEqual(1);
      expect(Number(churned.dead)).toBe(0);
      expect(standIn!.report().standIn!.vacuums).toBeGreaterThanOrEqual(1);
    });
    expect(Number((await stats('quiet')).vacuums)).toBe(0);
    expect(standIn.report().standIn).toMatchObject({ failures: 0 });
  });
});
