import { DataSource } from 'typeorm';
import { AuditTrailQuerySchema } from '@alur/contracts';
import { createTestIsolation, openTestDatabase, removeTestResources } from '@alur/testing';
import { AuditEntry, AuditRecord } from './audit-entry';
import { AuditTrail } from './audit-trail.service';
import { AUDIT_TRAIL_MIGRATIONS } from './migrations/audit-trail-migrations';

describe('an administrator’s read of the audit trail', () => {
  const isolation = createTestIsolation();
  let dataSource: DataSource;
  let trail: AuditTrail;
  const admin = { userId: '0b7c3f4e-5d6a-4e8b-9c1d-2e3f4a5b6c7d', username: 'admin', role: 'ADMIN', regionCode: '14.03' };
  const bupati = { userId: 'u-bupati', username: 'bupati', role: 'BUPATI', regionCode: '14.03' };
  const pltBupati = { userId: 'u-sekda', username: 'sekda', role: 'SEKDA', regionCode: '14.03', actingFor: bupati };
  const written: AuditRecord[] = [];
  /** The page as the service reads it: the query parsed by the contract, as the gateway's and the service's are. */
  const page = (query: Record<string, unknown> = {}) => trail.page(AuditTrailQuerySchema.parse(query));
  const seqsOf = (records: Array<{ seq: number }>) => records.map((r) => r.seq);
  const newestFirst = (records: AuditRecord[]) => seqsOf(records).sort((a, b) => b - a);

  beforeAll(async () => {
    dataSource = await openTestDatabase(isolation, 'audit_page', {
      migrations: AUDIT_TRAIL_MIGRATIONS,
      applicationName: 'alur-audit-test',
    });
    trail = new AuditTrail(dataSource);
    const entries: AuditEntry[] = [
      { actor: admin, action: 'working-calendar.holiday-added', entityType: 'holiday', entityId: '2026-03-20', after: { name: 'Cuti' } },
      { actor: admin, action: 'working-calendar.holiday-removed', entityType: 'holiday', entityId: '2026-03-20', before: { name: 'Cuti' } },
      {
        actor: pltBupati,
        action: 'approval-chain.approved',
        entityType: 'approval-chain',
        entityId: 'p-1#1',
        fromStatus: 'IN_REVIEW',
        toStatus: 'APPROVED',
      },
      { actor: bupati, action: 'proposal.submitted', entityType: 'proposal', entityId: 'p-1', fromStatus: 'DRAFT', toStatus: 'SUBMITTED' },
      { actor: null, action: 'proposal.updated', entityType: 'proposal', entityId: 'p-2' },
      // Not of `proposal.`: a longer word that starts the same.
      { actor: admin, action: 'proposals-export.made', entityType: 'export', entityId: 'e-1' },
      { actor: admin, action: 'user.updated', entityType: 'user', entityId: 'u-bkm', before: { active: true }, after: { active: false } },
    ];
    // One after another, each committed before the next: their seqs are in the order written.
    for (const entry of entries) written.push(await dataSource.transaction((tx) => trail.record(tx, entry)));
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('lists the records newest first with who, what, which and the change, and no hashes', async () => {
    const { items, nextBefore } = await page();
    expect(seqsOf(items)).toEqual(newestFirst(written));
    expect(nextBefore).toBeNull();
    expect(items[0]).toEqual({
      seq: written[6].seq,
      id: written[6].id,
      occurredAt: written[6].occurredAt,
      actor: admin,
      action: 'user.updated',
      entityType: 'user',
      entityId: 'u-bkm',
      fromStatus: null,
      toStatus: null,
      before: { active: true },
      after: { active: false },
    });
    const acted = items.find((r) => r.action === 'approval-chain.approved')!;
    expect(acted).toMatchObject({
      actor: { username: 'sekda', actingFor: { username: 'bupati' } },
      fromStatus: 'IN_REVIEW',
      toStatus: 'APPROVED',
    });
  });

  it('pages back by seq without repeating or skipping a record', async () => {
    const seen: number[] = [];
    const sizes: number[] = [];
    let before: number | undefined;
    do {
      const next = await page({ pageSize: '3', ...(before === undefined ? {} : { before: String(before) }) });
      seen.push(...seqsOf(next.items));
      sizes.push(next.items.length);
      before = next.nextBefore ?? undefined;
    } while (before !== undefined);
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual(newestFirst(written));
  });

  it('narrows by one action, or by an action’s start ending in a dot', async () => {
    expect((await page({ action: 'working-calendar.holiday-removed' })).items.map((r) => r.seq)).toEqual([written[1].seq]);
    const proposals = await page({ action: 'proposal.' });
    expect(proposals.items.map((r) => r.action)).toEqual(['proposal.updated', 'proposal.submitted']);
    expect((await page({ action: 'proposal' })).items).toEqual([]);
  });

  it('narrows by entity type and entity id', async () => {
    expect((await page({ entityType: 'holiday' })).items.map((r) => r.action)).toEqual([
      'working-calendar.holiday-removed',
      'working-calendar.holiday-added',
    ]);
    expect(seqsOf((await page({ entityType: 'proposal', entityId: 'p-1' })).items)).toEqual([written[3].seq]);
    expect(seqsOf((await page({ entityId: 'p-1#1' })).items)).toEqual([written[2].seq]);
  });

  it('keeps the records about one proposal, whichever of the service’s objects they name; without its objects, none', async () => {
    const proposalId = '7d9f6c1e-2b3a-4c5d-8e6f-0a1b2c3d4e5f';
    // As a service names them: here p-1 is the proposal, p-1#1 its chain.
    const proposalObjects = (p: string) =>
      `SELECT 'proposal', 'p-1' WHERE ${p}::uuid = '${proposalId}' UNION ALL SELECT 'approval-chain', 'p-1#1' WHERE ${p}::uuid = '${proposalId}'`;
    const about = (id: string, objects?: typeof proposalObjects) =>
      trail.page(AuditTrailQuerySchema.parse({ proposalId: id }), { proposalObjects: objects });
    expect(seqsOf((await about(proposalId, proposalObjects)).items)).toEqual([written[3].seq, written[2].seq]);
    expect((await about('0f1e2d3c-4b5a-4968-8776-655443322110', proposalObjects)).items).toEqual([]);
    expect(await about(proposalId)).toEqual({ items: [], nextBefore: null });
    const narrowed = await trail.page(AuditTrailQuerySchema.parse({ proposalId, actor: 'sekda' }), { proposalObjects });
    expect(seqsOf(narrowed.items)).toEqual([written[2].seq]);
  });

  it('narrows by who acted, by username or by user id; a Plt is who acted, not whom they acted for', async () => {
    const byName = seqsOf((await page({ actor: 'admin' })).items);
    expect(byName).toEqual(newestFirst(written.filter((r) => r.actor?.username === 'admin')));
    expect(seqsOf((await page({ actor: admin.userId })).items)).toEqual(byName);
    expect(seqsOf((await page({ actor: 'sekda' })).items)).toEqual([written[2].seq]);
    expect(seqsOf((await page({ actor: 'bupati' })).items)).toEqual([written[3].seq]);
    expect((await page({ actor: 'nobody' })).items).toEqual([]);
  });

  it('narrows by when: from inclusive, to exclusive', async () => {
    const from = written[2].occurredAt;
    const to = written[5].occurredAt;
    const expected = written.filter((r) => r.occurredAt >= from && r.occurredAt < to);
    expect(expected.length).toBeGreaterThan(0);
    expect(seqsOf((await page({ from, to })).items)).toEqual(newestFirst(expected));
  });

  it('combines filters with paging', async () => {
    const first = await page({ actor: 'admin', pageSize: '2' });
    const second = await page({ actor: 'admin', pageSize: '2', before: String(first.nextBefore) });
    expect([...seqsOf(first.items), ...seqsOf(second.items)]).toEqual(newestFirst(written.filter((r) => r.actor?.username === 'admin')));
    expect(second.nextBefore).toBeNull();
  });

  it('has an index for each filter that would otherwise read the whole table', async () => {
    const planOf = (where: string, params: unknown[]) =>
      dataSource.transaction(async (tx) => {
        // The table is small, so the planner would read it whole anyway: what matters is that an index fits the query.
        await tx.query('SET LOCAL enable_seqscan = off');
        const plan = (await tx.query(`EXPLAIN SELECT seq FROM audit_record WHERE ${where} ORDER BY seq DESC LIMIT 51`, params)) as Array<{
          'QUERY PLAN': string;
        }>;
        return plan.map((line) => line['QUERY PLAN']).join('\n');
      });
    expect(await planOf('action = $1', ['user.updated'])).toContain('audit_record_action');
    expect(await planOf('action LIKE $1', ['proposal.%'])).toContain('audit_record_action');
    expect(await planOf(`actor ->> 'username' = $1`, ['admin'])).toContain('audit_record_actor_username');
    expect(await planOf('actor_user_id = $1', [admin.userId])).toContain('audit_record_actor_user ');
    expect(await planOf(`(entity_type, entity_id) IN (SELECT 'proposal', $1::text)`, ['p-1'])).toContain('audit_record_entity');
    expect(await planOf('occurred_at >= $1 AND occurred_at < $2', [written[0].occurredAt, written[1].occurredAt])).toContain(
      'audit_record_occurred_at',
    );
  });
});
