import { DataSource } from 'typeorm';
import { createTestIsolation, openTestDatabase, removeTestResources } from '@alur/testing';
import { AUDIT_CHAIN_OF_TRANSACTION, AUDIT_CHAINS } from './audit-chains';
import { chainedRecord, GENESIS_HASH } from './audit-hash';
import { AuditTrail } from './audit-trail.service';
import { AUDIT_TRAIL_MIGRATIONS, CreateAuditTrail1764000000000 } from './migrations/audit-trail-migrations';

describe('the audit trail', () => {
  const isolation = createTestIsolation();
  let dataSource: DataSource;
  let audit: AuditTrail;
  const actor = { userId: 'u-admin', username: 'admin', role: 'ADMIN', regionCode: '14.03' };
  const plt = {
    ...actor,
    userId: 'u-sekda',
    username: 'sekda',
    role: 'SEKDA',
    actingFor: { ...actor, userId: 'u-bupati', username: 'bupati', role: 'BUPATI' },
  };

  beforeAll(async () => {
    dataSource = await openTestDatabase(isolation, 'audit', { migrations: AUDIT_TRAIL_MIGRATIONS, applicationName: 'alur-audit-test' });
    audit = new AuditTrail(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('chains records written by concurrent transactions, and keeps who acted for whom', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        dataSource.transaction((tx) =>
          audit.record(tx, {
            actor: i % 2 ? plt : actor,
            action: 'thing.changed',
            entityType: 'thing',
            entityId: `t${i % 3}`,
            fromStatus: 'DRAFT',
            toStatus: 'PUBLISHED',
            before: { n: i },
            after: { n: i + 1, nested: { b: 2, a: 1 } },
          }),
        ),
      ),
    );
    expect(await audit.verifyChain()).toEqual({ valid: true, checked: 20 });
    // Spread over the chains (all twenty in one would have a chance of 16^-19), each linked from its own head.
    const chains = (await dataSource.query('SELECT chain, count(*)::int AS n FROM audit_record GROUP BY chain')) as Array<{
      chain: number;
    }>;
    expect(chains.length).toBeGreaterThan(1);
    const heads = (await dataSource.query(
      `SELECT h.chain, h.hash = (SELECT r.hash FROM audit_record r WHERE r.chain = h.chain ORDER BY seq DESC LIMIT 1) AS newest
         FROM audit_chain_head h WHERE h.chain = ANY($1::smallint[])`,
      [chains.map((c) => c.chain)],
    )) as Array<{ newest: boolean }>;
    expect(heads.map((h) => h.newest)).toEqual(chains.map(() => true));
    const history = await audit.history('thing', 't1');
    expect(history.length).toBeGreaterThan(0);
    const acted = history.find((r) => r.actor?.actingFor);
    expect(acted?.actor?.actingFor?.username).toBe('bupati');
    const [row] = await dataSource.query('SELECT acting_for_user_id FROM audit_record WHERE id = $1', [acted!.id]);
    expect(row.acting_for_user_id).toBe('u-bupati');
  });

  it('leaves nothing behind when the change it records rolls back', async () => {
    await expect(
      dataSource.transaction(async (tx) => {
        await audit.record(tx, { actor, action: 'thing.changed', entityType: 'thing', entityId: 'rolled-back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await audit.history('thing', 'rolled-back')).toEqual([]);
    expect(await audit.verifyChain()).toMatchObject({ valid: true });
  });

  it('runs a statement riding on the head lock with the record: both commit, or neither', async () => {
    await dataSource.query('CREATE TABLE rider (note text NOT NULL)');
    const rider = (note: string) => ({ with: 'written AS (INSERT INTO rider (note) VALUES ($1))', select: 'length($1)', params: [note] });
    const entry = { actor, action: 'thing.changed', entityType: 'thing', entityId: 'ridden' } as const;

    await dataSource.transaction((tx) => audit.record(tx, entry, rider('kept')));
    await expect(
      dataSource.transaction(async (tx) => {
        await audit.record(tx, entry, rider('rolled back'));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');

    expect(await dataSource.query('SELECT note FROM rider')).toEqual([{ note: 'kept' }]);
    expect(await audit.history('thing', 'ridden')).toHaveLength(1);
    expect(await audit.verifyChain()).toMatchObject({ valid: true });
  });

  it('runs a statement made from the record on its insert: the row names the record, and the chain stays whole', async () => {
    await dataSource.query('CREATE TABLE record_note (audit_id uuid NOT NULL, occurred_at timestamptz NOT NULL, note text NOT NULL)');
    const entry = { actor, action: 'thing.changed', entityType: 'thing', entityId: 'named' } as const;
    // Its parameters come before the record's, which are numbered after them.
    const note = (text: string) => (record: { id: string; occurredAt: string }) => ({
      with: 'noted AS (INSERT INTO record_note (audit_id, occurred_at, note) VALUES ($1, $2, $3))',
      select: '$3',
      params: [record.id, record.occurredAt, text],
    });

    const kept = await dataSource.transaction((tx) => audit.record(tx, entry, undefined, note('kept')));
    await expect(
      dataSource.transaction(async (tx) => {
        await audit.record(tx, entry, undefined, note('rolled back'));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');

    expect(await dataSource.query('SELECT audit_id, occurred_at, note FROM record_note')).toEqual([
      { audit_id: kept.id, occurred_at: new Date(kept.occurredAt), note: 'kept' },
    ]);
    expect(await audit.history('thing', 'named')).toEqual([expect.objectContaining({ id: kept.id, seq: kept.seq })]);
    expect(await audit.verifyChain()).toMatchObject({ valid: true });
  });

  it('goes on with the chain an earlier version wrote, once its head is added', async () => {
    const open = (migrations: Array<new () => object>) =>
      openTestDatabase(isolation, 'audit_upgrade', { migrations, applicationName: 'alur-audit-test' });
    const write = (source: DataSource, n: number) =>
      source.transaction((tx) =>
        new AuditTrail(source).record(tx, { actor, action: 'thing.changed', entityType: 'thing', entityId: `u${n}` }),
      );
    // The chain as written before audit_chain_head existed: the newest record found by its seq.
    const before = await open([CreateAuditTrail1764000000000]);
    await before.transaction(async (tx) => {
      for (const n of [1, 2, 3]) {
        const [last] = await tx.query('SELECT hash FROM audit_record ORDER BY seq DESC LIMIT 1');
        const record = chainedRecord(
          { actor, action: 'thing.changed', entityType: 'thing', entityId: `u${n}` },
          last?.hash ?? GENESIS_HASH,
        );
        await tx.query(
          `INSERT INTO audit_record (id, occurred_at, actor, action, entity_type, entity_id, prev_hash, hash)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            record.id,
            record.occurredAt,
            JSON.stringify(record.actor),
            record.action,
            record.entityType,
            record.entityId,
            record.prevHash,
            record.hash,
          ],
        );
      }
    });
    await before.destroy();

    const after = await open(AUDIT_TRAIL_MIGRATIONS);
    try {
      // The records written before are chain 0, which goes on from their newest hash; the other chains start afresh.
      const heads = (await after.query('SELECT chain, hash FROM audit_chain_head ORDER BY chain')) as Array<{
        chain: number;
        hash: string;
      }>;
      const [newest] = await after.query('SELECT hash FROM audit_record ORDER BY seq DESC LIMIT 1');
      expect(heads.map((h) => h.chain)).toEqual(Array.from({ length: AUDIT_CHAINS }, (_, i) => i));
      expect(heads.map((h) => h.hash)).toEqual([newest.hash, ...Array.from({ length: AUDIT_CHAINS - 1 }, () => GENESIS_HASH)]);
      expect(await after.query('SELECT DISTINCT chain FROM audit_record')).toEqual([{ chain: 0 }]);
      await write(after, 4);
      await write(after, 5);
      expect(await new AuditTrail(after).verifyChain()).toEqual({ valid: true, checked: 5 });
    } finally {
      await after.destroy();
    }
  });

  it('goes back to one chain while the other chains are empty, and refuses to once they are not', async () => {
    const source = await openTestDatabase(isolation, 'audit_downgrade', {
      migrations: AUDIT_TRAIL_MIGRATIONS,
      applicationName: 'alur-audit-test',
    });
    try {
      const trail = new AuditTrail(source);
      const record = (entityId: string, chain: number) =>
        source.transaction(async (tx) => {
          tx.queryRunner!.data = { ...tx.queryRunner!.data, [AUDIT_CHAIN_OF_TRANSACTION]: chain };
          await trail.record(tx, { actor, action: 'thing.changed', entityType: 'thing', entityId });
        });
      await record('in-chain-0', 0);
      // The reads' indexes first (IndexAuditTrailReads), the head's link (KeepAuditHeadLink), then the chains.
      await source.undoLastMigration();
      await source.undoLastMigration();
      await source.undoLastMigration();
      expect(await source.query('SELECT only_row FROM audit_chain_head')).toEqual([{ only_row: true }]);
      await source.runMigrations({ transaction: 'each' });
      await record('in-chain-3', 3);
      await source.undoLastMigration();
      await source.undoLastMigration();
      await expect(source.undoLastMigration()).rejects.toThrow(/1 audit records are in chains other than 0/);
      expect(await trail.verifyChain()).toEqual({ valid: true, checked: 2 });
    } finally {
      await source.destroy();
    }
  });

  it('refuses a record outside a transaction', async () => {
    await expect(audit.record(dataSource.manager, { actor, action: 'x', entityType: 'thing', entityId: 'x' })).rejects.toThrow(
      /inside the transaction/,
    );
  });

  it('refuses UPDATE, DELETE and TRUNCATE of a record', async () => {
    await expect(dataSource.query(`UPDATE audit_record SET action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query('DELETE FROM audit_record')).rejects.toThrow(/append-only/);
    await expect(dataSource.query('TRUNCATE audit_record')).rejects.toThrow(/append-only/);
  });

  it('keeps the records of one transaction in one chain, so it waits for one head only', async () => {
    const ids = await dataSource.transaction(async (tx) => {
      const records = [];
      for (const entityId of ['a', 'b', 'c'])
        records.push(await audit.record(tx, { actor, action: 'thing.changed', entityType: 'thing', entityId }));
      return records.map((r) => r.id);
    });
    const rows = (await dataSource.query('SELECT DISTINCT chain FROM audit_record WHERE id = ANY($1::uuid[])', [ids])) as unknown[];
    expect(rows).toHaveLength(1);
    expect(await audit.verifyChain()).toMatchObject({ valid: true });
  });

  it('finds the first tampered row when someone goes around the trigger', async () => {
    const [target] = await dataSource.query('SELECT seq, id, chain FROM audit_record ORDER BY seq OFFSET 5 LIMIT 1');
    // The chains are verified one after another: the rows before the target are those of earlier chains and its own.
    const [{ before }] = await dataSource.query(
      'SELECT count(*)::int AS before FROM audit_record WHERE chain < $1 OR (chain = $1 AND seq < $2)',
      [target.chain, target.seq],
    );
    await dataSource.transaction(async (tx) => {
      // A superuser can switch triggers off; the hash chain still tells.
      await tx.query(`SET LOCAL session_replication_role = replica`);
      await tx.query(`UPDATE audit_record SET after = '{"n": 999}' WHERE seq = $1`, [target.seq]);
    });
    expect(await audit.verifyChain()).toEqual({
      valid: false,
      checked: before,
      firstBroken: { seq: Number(target.seq), id: target.id, reason: 'content-changed' },
    });
  });
});
