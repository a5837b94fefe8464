import { DataSource } from 'typeorm';
import { createTestIsolation, expectEventually, openTestDatabase, removeTestResources } from '@alur/testing';
import { Transactions } from './transactions.service';

describe('Transactions', () => {
  const isolation = createTestIsolation();
  /** This run's connections, told apart from any other run's on the same server. */
  const applicationName = `alur-tx-${isolation.id}`;
  let dataSource: DataSource;
  let transactions: Transactions;

  beforeAll(async () => {
    dataSource = await openTestDatabase(isolation, 'transactions', { applicationName });
    transactions = new Transactions(dataSource);
    await dataSource.query('CREATE TABLE account (id int PRIMARY KEY, balance bigint NOT NULL)');
    await dataSource.query('INSERT INTO account VALUES (1, 100), (2, 100)');
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await removeTestResources(isolation.id, isolation.env);
  });

  it("runs a deadlock's victim again, so both sides' changes commit and neither caller sees the deadlock", async () => {
    // The other side: locks account 2, and later asks for account 1. Its deadlock check waits 10 s, so the
    // check of the transaction under test (1 s) finds the cycle first and makes it the victim.
    const other = dataSource.createQueryRunner();
    await other.connect();
    let attempts = 0;
    try {
      await other.startTransaction();
      await other.query(`SET LOCAL deadlock_timeout = '10s'`);
      await other.query('UPDATE account SET balance = balance + 1 WHERE id = 2');

      const transfer = transactions.run(async (tx) => {
        attempts++;
        await tx.query('UPDATE account SET balance = balance - 10 WHERE id = 1');
        await tx.query('UPDATE account SET balance = balance + 10 WHERE id = 2');
      });
      // The transfer holds account 1 and waits for account 2; now the other side waits for account 1.
      await expectEventually(async () => {
        const [{ waiting }] = await dataSource.query(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`,
          [applicationName],
        );
        expect(waiting).toBe(1);
      });
      await other.query('UPDATE account SET balance = balance + 1 WHERE id = 1');
      await other.commitTransaction();
      await transfer;
    } finally {
      await other.release();
    }

    expect(attempts).toBe(2);
    expect(await dataSource.query('SELECT id, balance::int AS balance FROM account ORDER BY id')).toEqual([
      { id: 1, balance: 91 },
      { id: 2, balance: 111 },
    ]);
  });

  it('gives any other failure to the caller at once', async () => {
    let attempts = 0;
    await expect(
      transactions.run(async (tx) => {
        attempts++;
        await tx.query('UPDATE account SET balance = balance WHERE id = 1');
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(attempts).toBe(1);
  });
});
