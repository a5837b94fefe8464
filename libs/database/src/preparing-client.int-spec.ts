import { QueryResult } from 'pg';
import { createTestIsolation, expectEventually, openTestDatabase, removeTestResources } from '@alur/testing';
import { EntityManager } from 'typeorm';
import { MAX_PREPARED_PER_CONNECTION, PreparingClient, queryAndCommit, queryOnGenericPlans } from './preparing-client';

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

  describe('a transaction', () => {
    let observer: PreparingClient;
    let pid: number;
    /** What the server knows of the client's session, seen from another connection. */
    const session = async () =>
      (await observer.query('SELECT state, query, xact_start IS NOT NULL AS in_transaction FROM pg_stat_activity WHERE pid = $1', [pid]))
        .rows[0] as { state: string; query: string; in_transaction: boolean };
    const notes = async () => (await observer.query('SELECT id, text FROM grant_note WHERE id >= 100 ORDER BY id')).rows;
    // A failed statement's error reaches the client before its backend, reading the Sync behind it, reports
    // the transaction aborted: the observer waits for that report.
    const reportedAborted = () =>
      expectEventually(async () => expect(await session()).toMatchObject({ state: 'idle in transaction (aborted)' }));

    beforeEach(async () => {
      observer = new PreparingClient({ connectionString: isolation.env.DATABASE_URL, options: `-c search_path=${schema}` });
      await observer.connect();
      // The first transaction on a connection sends its BEGIN, preparing it; each later one defers it.
      await client.query('START TRANSACTION');
      await client.query('COMMIT');
      pid = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
    });
    afterEach(async () => {
      await observer.query('DELETE FROM grant_note WHERE id >= 100');
      await observer.end();
    });

    it('reaches the server with its first statement, and commits what it did', async () => {
      await client.query('START TRANSACTION');
      expect(await session()).toMatchObject({ state: 'idle', in_transaction: false });
      await client.query('INSERT INTO grant_note (id, text) VALUES ($1, $2)', [100, 'Drainase']);
      expect(await session()).toMatchObject({ state: 'idle in transaction', in_transaction: true });
      expect(await notes()).toEqual([]);
      await client.query('INSERT INTO grant_note (id, text) VALUES ($1, $2)', [101, 'Sumur bor']);
      await client.query('COMMIT');
      expect(await notes()).toEqual([
        { id: 100, text: 'Drainase' },
        { id: 101, text: 'Sumur bor' },
      ]);
    });

    it('rolls back what its first statement did, with parameters or without', async () => {
      await client.query('START TRANSACTION');
      expect((await client.query('INSERT INTO grant_note (id, text) VALUES ($1, $2) RETURNING id', [102, 'Jembatan'])).rows).toEqual([
        { id: 102 },
      ]);
      await client.query('ROLLBACK');
      await client.query('START TRANSACTION');
      const plain = await client.query("INSERT INTO grant_note (id, text) VALUES (103, 'Posyandu')");
      expect(plain.rowCount).toBe(1);
      await client.query('ROLLBACK');
      expect(await notes()).toEqual([]);
      expect(await session()).toMatchObject({ in_transaction: false });
    });

    it('runs every statement in one transaction, at the isolation level asked for', async () => {
      await client.query('START TRANSACTION');
      await client.query('SET TRANSACTION ISOLATION LEVEL SERIALIZABLE');
      const first = await client.query('SELECT now() AS at, current_setting($1) AS level', ['transaction_isolation']);
      const second = await client.query('SELECT now() AS at');
      await client.query('COMMIT');
      expect(first.rows[0].level).toBe('serializable');
      expect(second.rows[0].at).toEqual(first.rows[0].at);
      expect((await client.query('SHOW transaction_isolation')).rows).toEqual([{ transaction_isolation: 'read committed' }]);
    });

    it('is left aborted by a first statement that fails, until it rolls back', async () => {
      await observer.query('INSERT INTO grant_note (id, text) VALUES ($1, $2)', [104, 'Balai warga']);
      await client.query('START TRANSACTION');
      await expect(client.query('INSERT INTO grant_note (id, text) VALUES ($1, $2)', [104, 'Balai warga'])).rejects.toThrow(
        /duplicate key/,
      );
      await expect(client.query('SELECT text FROM grant_note WHERE id = $1', [104])).rejects.toThrow(/current transaction is aborted/);
      await client.query('ROLLBACK');
      expect((await client.query('SELECT text FROM grant_note WHERE id = $1', [104])).rows).toEqual([{ text: 'Balai warga' }]);
    });

    it('costs the server nothing when it ends before any statement', async () => {
      await client.query('START TRANSACTION');
      await client.query('COMMIT');
      await client.query('START TRANSACTION');
      await client.query('ROLLBACK');
      expect(await session()).toMatchObject({ state: 'idle', in_transaction: false, query: 'SELECT pg_backend_pid() AS pid' });
    });

    it('commits with its last statement, in the same round trip; the COMMIT that follows costs nothing', async () => {
      await client.query('START TRANSACTION');
      await client.query('INSERT INTO grant_note (id, text) VALUES ($1, $2)', [105, 'Drainase']);
      expect(client.canCommitWith()).toBe(true);
      const { rows } = await client.queryThenCommit('UPDATE grant_note SET text = $2 WHERE id = $1 RETURNING text', [
        105,
        'Drainase RT 03',
      ]);
      expect(rows).toEqual([{ text: 'Drainase RT 03' }]);
      // Committed before the caller's COMMIT was sent.
      expect(await session()).toMatchObject({ in_transaction: false });
      expect(await notes()).toEqual([{ id: 105, text: 'Drainase RT 03' }]);
      await client.query('COMMIT');
      expect((await client.query('SELECT count(*)::int AS n FROM grant_note WHERE id = $1', [105])).rows).toEqual([{ n: 1 }]);
    });

    it('commits nothing when its last statement fails, and leaves the transaction to roll back', async () => {
      await observer.query('INSERT INTO grant_note (id, text) VALUES ($1, $2)', [106, 'Sumur bor']);
      await client.query('START TRANSACTION');
      await client.query('INSERT INTO grant_note (id, text) VALUES ($1, $2)', [107, 'Pos ronda']);
      await expect(client.queryThenCommit('INSERT INTO grant_note (id, text) VALUES ($1, $2)', [106, 'Sumur bor'])).rejects.toThrow(
        /duplicate key/,
      );
      await reportedAborted();
      expect(await notes()).toEqual([{ id: 106, text: 'Sumur bor' }]);
      await client.query('ROLLBACK');
      expect(await session()).toMatchObject({ state: 'idle' });
    });

    it('refuses a statement after the commit, which it would otherwise run outside any transaction', async () => {
      await client.query('START TRANSACTION');
      await client.queryThenCommit('INSERT INTO grant_note (id, text) VALUES ($1, $2)', [108, 'Jembatan']);
      await expect(client.query('INSERT INTO grant_note (id, text) VALUES ($1, $2)', [109, 'Jalan'])).rejects.toThrow(
        /committed with its last statement/,
      );
      expect(await notes()).toEqual([{ id: 108, text: 'Jembatan' }]);
      // The connection goes on as usual.
      await client.query('START TRANSACTION');
      await client.query('INSERT INTO grant_note (id, text) VALUES ($1, $2)', [109, 'Jalan']);
      await client.query('COMMIT');
      expect((await notes()).map((n: { id: number }) => n.id)).toEqual([108, 109]);
    });

    it('is one statement on the server when that statement is its only one, and commits with it', async () => {
      await client.query('START TRANSACTION');
      const { rows } = await client.queryAsWholeTransaction('INSERT INTO grant_note (id, text) VALUES ($1, $2) RETURNING text', [
        110,
        'Talud',
      ]);
      expect(rows).toEqual([{ text: 'Talud' }]);
      expect(await session()).toMatchObject({
        state: 'idle',
        in_transaction: false,
        query: expect.stringMatching(/^INSERT INTO grant_note/),
      });
      expect(await notes()).toEqual([{ id: 110, text: 'Talud' }]);
      await client.query('COMMIT');
      await expect(client.query('START TRANSACTION')).resolves.toBeDefined();
      await client.query('INSERT INTO grant_note (id, text) VALUES ($1, $2)', [111, 'Gorong-gorong']);
      await client.query('ROLLBACK');
      expect((await notes()).map((n: { id: number }) => n.id)).toEqual([110]);
    });

    it('leaves nothing begun when its only statement fails, and refuses anything but the ROLLBACK after it', async () => {
      await observer.query('INSERT INTO grant_note (id, text) VALUES ($1, $2)', [112, 'Sumur bor']);
      await client.query('START TRANSACTION');
      await expect(client.queryAsWholeTransaction('INSERT INTO grant_note (id, text) VALUES ($1, $2)', [112, 'Pos ronda'])).rejects.toThrow(
        /duplicate key/,
      );
      // Not "idle in transaction (aborted)": the server began nothing that could be left open. The error
      // reaches the client before its backend, reading the Sync behind it, reports itself idle: the
      // observer waits for that report (an aborted transaction would never turn into it).
      await expectEventually(async () => expect(await session()).toMatchObject({ state: 'idle', in_transaction: false }));
      await expect(client.query('INSERT INTO grant_note (id, text) VALUES ($1, $2)', [113, 'Jalan'])).rejects.toThrow(
        /failed with its only statement/,
      );
      expect(await notes()).toEqual([{ id: 112, text: 'Sumur bor' }]);
      await client.query('START TRANSACTION');
      await expect(client.queryAsWholeTransaction('INSERT INTO grant_note (id, text) VALUES ($1, $2)', [112, 'Pos ronda'])).rejects.toThrow(
        /duplicate key/,
      );
      await client.query('ROLLBACK');
      // The connection goes on as usual.
      await client.query('START TRANSACTION');
      await client.query('INSERT INTO grant_note (id, text) VALUES ($1, $2)', [113, 'Jalan']);
      await client.query('COMMIT');
      expect((await notes()).map((n: { id: number }) => n.id)).toEqual([112, 113]);
    });

    it('runs on generic plans from its first statement when asked, in the same round trip once the setting is prepared', async () => {
      const plans = async () => (await client.query('SELECT current_setting($1) AS mode', ['plan_cache_mode'])).rows[0].mode;
      for (const round of [1, 2]) {
        await client.query('START TRANSACTION');
        expect(client.beginsWithNext()).toBe(true);
        const { rows } = await client.queryFirstOnGenericPlans('INSERT INTO grant_note (id, text) VALUES ($1, $2) RETURNING id', [
          109 + round,
          'Posyandu',
        ]);
        expect(rows).toEqual([{ id: 109 + round }]);
        expect(client.beginsWithNext()).toBe(false);
        expect(await plans()).toBe('force_generic_plan');
        await client.query('COMMIT');
        // The first time prepared the setting with a statement of its own; the second sent it ahead of the INSERT.
        expect((await prepared()).map((p) => p.name)).toEqual(expect.arrayContaining(['alur_begin', 'alur_generic_plans']));
      }
      expect(await plans()).toBe('auto');
      expect((await notes()).map((n: { id: number }) => n.id)).toEqual([110, 111]);
    });

    it('rolls back a first statement on generic plans that fails, and only its transaction is on them', async () => {
      await client.query('START TRANSACTION');
      await client.queryFirstOnGenericPlans('SELECT 1 AS one', []);
      await client.query('COMMIT');
      await observer.query('INSERT INTO grant_note (id, text) VALUES ($1, $2)', [112, 'Jembatan']);
      await client.query('START TRANSACTION');
      await expect(client.queryFirstOnGenericPlans('INSERT INTO grant_note (id, text) VALUES ($1, $2)', [112, 'Jembatan'])).rejects.toThrow(
        /duplicate key/,
      );
      await reportedAborted();
      await client.query('ROLLBACK');
      await client.query('START TRANSACTION');
      // Without parameters, the statement runs behind BEGIN and the setting in one simple query.
      expect((await client.queryFirstOnGenericPlans("SELECT current_setting('plan_cache_mode') AS mode", [])).rows).toEqual([
        { mode: 'force_generic_plan' },
      ]);
      await client.query('COMMIT');
      await client.query('START TRANSACTION');
      expect((await client.query('SELECT current_setting($1) AS mode', ['plan_cache_mode'])).rows).toEqual([{ mode: 'auto' }]);
      await client.query('COMMIT');
    });

    it('answers a caller that passes a callback', async () => {
      await client.query('START TRANSACTION');
      const rows = await new Promise((resolve, reject) =>
        client.query('SELECT text FROM grant_note WHERE id = $1', [1], (error: Error | null, result: QueryResult) =>
          error ? reject(error) : resolve(result.rows),
        ),
      );
      await client.query('COMMIT');
      expect(rows).toEqual([{ text: 'Posyandu' }]);
    });
  });

  describe('queryOnGenericPlans, in a TypeORM transaction', () => {
    it('puts the transaction it begins on generic plans, and runs as any statement where it does not begin one', async () => {
      const dataSource = await openTestDatabase(isolation, 'generic', { applicationName: `alur-${isolation.id}-generic` });
      const mode = (tx: EntityManager) => tx.query('SELECT current_setting($1) AS mode', ['plan_cache_mode']);
      try {
        await dataSource.query('CREATE TABLE stage_note (id int PRIMARY KEY)');
        // A connection's first transaction prepares its BEGIN, sending it at once: then the first statement is not the first sent.
        await dataSource.transaction((tx) => tx.query('SELECT 1'));
        for (let round = 0; round < 3; round++) {
          const seen = await dataSource.transaction(async (tx) => {
            const rows = await queryOnGenericPlans(tx, 'INSERT INTO stage_note (id) VALUES ($1) RETURNING id', [round]);
            return { rows, mode: await mode(tx) };
          });
          expect(seen).toEqual({ rows: [{ id: round }], mode: [{ mode: 'force_generic_plan' }] });
        }
        const later = await dataSource.transaction(async (tx) => {
          await tx.query('SELECT 1');
          return {
            rows: await queryOnGenericPlans(tx, 'SELECT count(*)::int AS n FROM stage_note WHERE id = ANY($1)', [[0, 1]]),
            mode: await mode(tx),
          };
        });
        expect(later).toEqual({ rows: [{ n: 2 }], mode: [{ mode: 'auto' }] });
        // Its failure reaches the caller as any statement's would.
        await expect(
          dataSource.transaction((tx) => queryOnGenericPlans(tx, 'INSERT INTO stage_note (id) VALUES ($1)', [0])),
        ).rejects.toMatchObject({
          name: 'QueryFailedError',
          driverError: expect.objectContaining({ code: '23505' }),
        });
        expect(await mode(dataSource.manager)).toEqual([{ mode: 'auto' }]);
      } finally {
        await dataSource.destroy();
      }
    });
  });

  describe('queryAndCommit, in a TypeORM transaction', () => {
    it('commits the transaction with its last statement, its only one too, and the pool’s connections go on as usual', async () => {
      const dataSource = await openTestDatabase(isolation, 'committing', { applicationName: `alur-${isolation.id}-committing` });
      try {
        await dataSource.query('CREATE TABLE tranche_note (id int PRIMARY KEY, text text NOT NULL)');
        for (let round = 0; round < 3; round++) {
          const rows = await dataSource.transaction(async (tx) => {
            await tx.query('INSERT INTO tranche_note (id, text) VALUES ($1, $2)', [round * 2, 'SPM']);
            return queryAndCommit<{ id: number }>(tx, 'INSERT INTO tranche_note (id, text) VALUES ($1, $2) RETURNING id', [
              round * 2 + 1,
              'SP2D',
            ]);
          });
          expect(rows).toEqual([{ id: round * 2 + 1 }]);
        }
        await expect(
          dataSource.transaction(async (tx) => {
            await tx.query('INSERT INTO tranche_note (id, text) VALUES ($1, $2)', [10, 'SPM']);
            await queryAndCommit(tx, 'INSERT INTO tranche_note (id, text) VALUES ($1, $2)', [0, 'SP2D']);
          }),
        ).rejects.toThrow(/duplicate key/);
        expect((await dataSource.query('SELECT id FROM tranche_note ORDER BY id')).map((r: { id: number }) => r.id)).toEqual([
          0, 1, 2, 3, 4, 5,
        ]);
        // A transaction whose only statement is its last: one statement on the server, committed or not with it.
        for (const id of [20, 21]) {
          const rows = await dataSource.transaction((tx) =>
            queryAndCommit<{ id: number }>(tx, 'INSERT INTO tranche_note (id, text) VALUES ($1, $2) RETURNING id', [id, 'BAST']),
          );
          expect(rows).toEqual([{ id }]);
        }
        await expect(
          dataSource.transaction((tx) => queryAndCommit(tx, 'INSERT INTO tranche_note (id, text) VALUES ($1, $2)', [20, 'BAST'])),
        ).rejects.toThrow(/duplicate key/);
        const [{ ids }] = await dataSource.transaction(async (tx) => {
          await tx.query('INSERT INTO tranche_note (id, text) VALUES ($1, $2)', [22, 'SPM']);
          return tx.query('SELECT array_agg(id ORDER BY id) AS ids FROM tranche_note WHERE id >= 20');
        });
        expect(ids).toEqual([20, 21, 22]);
      } finally {
        await dataSource.destroy();
      }
    });
  });
});
