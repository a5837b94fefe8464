import { DataSource } from 'typeorm';
import { createTestIsolation, openTestDatabase, removeTestResources } from '@alur/testing';
import { AfterCommit } from './after-commit.service';

describe('AfterCommit', () => {
  const isolation = createTestIsolation();
  let dataSource: DataSource;
  let afterCommit: AfterCommit;
  const ran: string[] = [];
  const note = (name: string) => async () => void ran.push(name);

  beforeAll(async () => {
    dataSource = await openTestDatabase(isolation, 'aftercommit', { applicationName: 'alur-after-commit-test' });
    afterCommit = new AfterCommit(dataSource);
    afterCommit.onModuleInit();
  });
  beforeEach(() => void ran.splice(0));
  afterAll(async () => {
    await dataSource?.destroy();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('runs the work once the transaction commits, and none of a rolled-back one', async () => {
    await dataSource.transaction(async (tx) => {
      afterCommit.run(tx, note('committed'));
      expect(ran).toEqual([]);
    });
    await expect(
      dataSource.transaction(async (tx) => {
        afterCommit.run(tx, note('rolled back'));
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(ran).toEqual(['committed']);
  });

  it('waits past a released savepoint for the outermost commit', async () => {
    await dataSource.transaction(async (tx) => {
      await tx.transaction(async (inner) => afterCommit.run(inner, note('in the savepoint')));
      // TypeORM announced the released savepoint as a commit; the outer transaction may still roll back.
      expect(ran).toEqual([]);
      afterCommit.run(tx, note('after it'));
    });
    expect(ran).toEqual(['in the savepoint', 'after it']);

    await expect(
      dataSource.transaction(async (tx) => {
        await tx.transaction(async (inner) => afterCommit.run(inner, note('released, then all rolled back')));
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(ran).toEqual(['in the savepoint', 'after it']);
  });

  it('drops only the work of a savepoint rolled back, the rest still runs at the commit', async () => {
    await dataSource.transaction(async (tx) => {
      afterCommit.run(tx, note('before'));
      await tx
        .transaction(async (inner) => {
          await inner.transaction(async (deeper) => afterCommit.run(deeper, note('released into the rolled-back savepoint')));
          throw new Error('savepoint');
        })
        .catch(() => undefined);
      await tx.transaction(async (inner) => afterCommit.run(inner, note('released savepoint')));
      // A later savepoint rolled back leaves alone the work an earlier, released one handed to the transaction.
      await tx
        .transaction(async () => {
          throw new Error('another savepoint');
        })
        .catch(() => undefined);
      afterCommit.run(tx, note('after'));
    });
    expect(ran).toEqual(['before', 'released savepoint', 'after']);
  });

  it('refuses work outside a transaction', () => {
    expect(() => afterCommit.run(dataSource.manager, note('never'))).toThrow(
      'AfterCommit.run needs the transaction whose commit it waits for',
    );
  });
});
