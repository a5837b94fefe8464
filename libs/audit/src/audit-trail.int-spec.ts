import { DataSource } from 'typeorm';
import { openServiceDatabase, serviceDataSourceOptions } from '@alur/database';
import { createTestIsolation, removeTestResources } from '@alur/testing';
import { AuditTrail } from './audit-trail.service';
import { CreateAuditTrail1764000000000 } from './migrations/create-audit-trail.migration';

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
    dataSource = await openServiceDatabase(
      serviceDataSourceOptions({
        url: isolation.env.DATABASE_URL!,
        schema: `${isolation.env.DB_SCHEMA_PREFIX}audit`,
        entities: [],
        migrations: [CreateAuditTrail1764000000000],
        applicationName: 'alur-audit-test',
      }),
    );
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

  it('finds the first tampered row when someone goes around the trigger', async () => {
    const [target] = await dataSource.query('SELECT seq, id FROM audit_record ORDER BY seq OFFSET 5 LIMIT 1');
    await dataSource.transaction(async (tx) => {
      // A superuser can switch triggers off; the hash chain still tells.
      await tx.query(`SET LOCAL session_replication_role = replica`);
      await tx.query(`UPDATE audit_record SET after = '{"n": 999}' WHERE seq = $1`, [target.seq]);
    });
    expect(await audit.verifyChain()).toEqual({
      valid: false,
      checked: 5,
      firstBroken: { seq: Number(target.seq), id: target.id, reason: 'content-changed' },
    });
  });
});
