import { createTestIsolation, removeTestResources } from '@alur/testing';
import { MAX_PREPARED_PER_CONNECTION, PreparingClient } from './preparing-client';

describe('PreparingClient', () => {
  const isolation = createTestIsolation();
  const schema = `${isolation.env.DB_SCHEMA_PREFIX}prepared`;
  let client: PreparingClient;

  const prepared = async () =>
    (await client.query('SELECT name, statement FROM pg_prepared_statements ORDER BY prepare_time')).rows as Array<{
      name: string;
      statement: string;
    }>;

  beforeAll(async () => {
    const admin = new PreparingClient({ connectionString: isolation.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.query(`CREATE TABLE "${schema}".grant_note (id int PRIMARY KEY, text text NOT NULL)`);
    await admin.end();
  });
  afterAll(async () => {
    const admin = new PreparingClient({ connectionString: isolation.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
    await admin.end();
    await removeTestResources(isolation.id, isolation.env);
  });
  // Each test on a connection of its own: what is prepared lives and dies with the connection.
  beforeEach(async () => {
    client = new PreparingClient({ connectionString: isolation.env.DATABASE_URL, options: `-c search_path=${schema}` });
    await client.connect();
  });
  afterEach(() => client.end());

  it('prepares a statement with parameters once and answers each call from it; one without runs as it is', async () => {
    await client.query('INSERT INTO grant_note (id, text) VALUES ($1, $2), ($3, $4)', [1, 'Posyandu', 2, 'Jalan']);
    const first = await client.query('SELECT text FROM grant_note WHERE id = $1', [1]);
    const second = await client.query('SELECT text FROM grant_note WHERE id = $1', [2]);
    await client.query('SELECT count(*) FROM grant_note');
    expect([first.rows, second.rows]).toEqual([[{ text: 'Posyandu' }], [{ text: 'Jalan' }]]);
    expect((await prepared()).map((p) => p.statement)).toEqual([
      'INSERT INTO grant_note (id, text) VALUES ($1, $2), ($3, $4)',
      'SELECT text FROM grant_note WHERE id = $1',
    ]);
  });

  it('prepares a statement again once a migration changed the columns it answers', async () => {
    await client.query('INSERT INTO grant_note (id, text) VALUES ($1, $2)', [3, 'Balai warga']);
    const select = () => client.query('SELECT * FROM grant_note WHERE id = $1', [3]);
    expect((await select()).rows).toEqual([{ id: 3, text: 'Balai warga' }]);
    await client.query("ALTER TABLE grant_note ADD COLUMN village text NOT NULL DEFAULT '14.03.09.1004'");
    // The prepared statement fails once (the caller retries, as after any failure) ...
    await expect(select()).rejects.toThrow(/cached plan must not change result type/);
    // ... and is then prepared afresh.
    expect((await select()).rows).toEqual([{ id: 3, text: 'Balai warga', village: '14.03.09.1004' }]);
  });

  it(`keeps at most ${MAX_PREPARED_PER_CONNECTION} statements prepared on a connection and runs the rest unnamed`, async () => {
    for (let n = 0; n < MAX_PREPARED_PER_CONNECTION + 20; n++) {
      const { rows } = await client.query(`SELECT $1::int + ${n} AS sum`, [1]);
      expect(rows).toEqual([{ sum: n + 1 }]);
    }
    expect((await prepared()).length).toBe(MAX_PREPARED_PER_CONNECTION);
  });
});
