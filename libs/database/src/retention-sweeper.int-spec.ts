import { DataSource } from 'typeorm';
import { createTestIsolation, openTestDatabase, removeTestResources } from '@alur/testing';
import { RetentionRule, RetentionSweeper } from './retention-sweeper';

describe('the retention sweeper', () => {
  const isolation = createTestIsolation();
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openTestDatabase(isolation, 'retention', { applicationName: 'alur-retention-test' });
    await dataSource.query(`CREATE TABLE bookkeeping (id int PRIMARY KEY, created_at timestamptz NOT NULL, closed boolean NOT NULL)`);
    // 12,000 rows, 3 days to 0 days old: more than one delete batch expires at once.
    await dataSource.query(`
      INSERT INTO bookkeeping SELECT n, now() - make_interval(mins => n * 20 / 60), n % 10 <> 0 FROM generate_series(1, 12000) AS n`);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('removes only rows past their retention that match the rule, in batches, once across two replicas', async () => {
    const rule: RetentionRule = { table: 'bookkeeping', olderThan: 'created_at', hours: 24, where: 'closed' };
    const [{ expected }] = await dataSource.query(
      `SELECT count(*)::int AS expected FROM bookkeeping WHERE created_at < now() - interval '24 hours' AND closed`,
    );
    expect(expected).toBeGreaterThan(5000);
    const [a, b] = [new RetentionSweeper(dataSource, [rule]), new RetentionSweeper(dataSource, [rule])];
    const removed = await Promise.all([a.removeExpired(rule), b.removeExpired(rule)]);
    expect(removed[0] + removed[1]).toBe(expected);

    const [left] = await dataSource.query(
      `SELECT count(*) FILTER (WHERE created_at < now() - interval '24 hours' AND closed)::int AS expired,
              count(*) FILTER (WHERE NOT closed)::int AS open,
              count(*)::int AS total FROM bookkeeping`,
    );
    expect(left).toMatchObject({ expired: 0, open: 1200, total: 12000 - expected });
  });
});
