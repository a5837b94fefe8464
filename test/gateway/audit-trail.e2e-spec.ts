import { randomUUID } from 'node:crypto';
import { createTestIsolation } from '@alur/testing';
import { ApprovalsWorld, BALIK_ALAM, useApprovalsWorld } from '../approvals/approvals-harness';

interface AuditPage {
  items: Array<{
    seq: number;
    occurredAt: string;
    actor: { username: string; role: string } | null;
    action: string;
    entityType: string;
    entityId: string;
    before: unknown;
    after: unknown;
  }>;
  nextBefore: number | null;
}

/** The administrator reads what was changed, through the gateway: the approvals service's trail over NATS, the gateway's own directly. */
describe('the audit trail, read by an administrator through the gateway', () => {
  const isolation = createTestIsolation();
  let world: ApprovalsWorld;
  const tokens: Record<string, string> = {};
  const token = async (username: string) => (tokens[username] ??= await world.gateway.tokenOf(username));
  const read = async (query: string, username = 'admin') =>
    world.gateway.call('GET', `/api/v1/audit?${query}`, { token: await token(username) });
  const page = async (query: string): Promise<AuditPage> => {
    const response = await read(query);
    expect(response.status).toBe(200);
    return response.json();
  };
  // A year no other test's holidays are in: its dates are this file's own.
  const year = 2031;
  const days = ['03-17', '03-18', '03-19', '03-20', '03-21'].map((day) => `${year}-${day}`);

  useApprovalsWorld(isolation, (started) => (world = started));

  beforeAll(async () => {
    for (const date of days) {
      const added = await world.gateway.call('POST', '/api/v1/approvals/holidays', {
        token: await token('admin'),
        body: { date, name: `Cuti bersama ${date}` },
      });
      expect(added.status).toBe(201);
    }
    const removed = await world.gateway.call('DELETE', `/api/v1/approvals/holidays/${days[0]}`, { token: await token('admin') });
    expect(removed.status).toBe(200);
  });

  it('shows a holiday an administrator added and removed, with who did it and what the day was', async () => {
    const { items } = await page(`context=approvals&entityType=working-calendar-holiday&entityId=${days[0]}`);
    expect(items.map((r) => [r.action, r.actor?.username, r.actor?.role, r.before, r.after])).toEqual([
      ['working-calendar.holiday-removed', 'admin', 'ADMIN', { date: days[0], name: `Cuti bersama ${days[0]}` }, null],
      ['working-calendar.holiday-added', 'admin', 'ADMIN', null, { date: days[0], name: `Cuti bersama ${days[0]}` }],
    ]);
    expect(items[0].seq).toBeGreaterThan(items[1].seq);
  });

  it('narrows by action, its start, who acted and when', async () => {
    expect((await page('context=approvals&action=working-calendar.holiday-removed')).items.map((r) => r.entityId)).toEqual([days[0]]);
    const calendar = await page('context=approvals&action=working-calendar.');
    expect(calendar.items.length).toBe(days.length + 1);
    expect((await page('context=approvals&action=working-calendar.&actor=admin')).items.length).toBe(days.length + 1);
    expect((await page('context=approvals&actor=bupati')).items).toEqual([]);
    const [newest, , third] = calendar.items;
    const during = await page(
      `context=approvals&action=working-calendar.&from=${encodeURIComponent(third.occurredAt)}&to=${encodeURIComponent(newest.occurredAt)}`,
    );
    expect(during.items.every((r) => r.occurredAt >= third.occurredAt && r.occurredAt < newest.occurredAt)).toBe(true);
    expect(during.items.map((r) => r.seq)).toContain(third.seq);
    expect(during.items.map((r) => r.seq)).not.toContain(newest.seq);
  });

  it('pages back to older records without repeating one', async () => {
    const seen: number[] = [];
    let query = 'context=approvals&action=working-calendar.&pageSize=2';
    for (;;) {
      const { items, nextBefore } = await page(query);
      expect(items.length).toBeLessThanOrEqual(2);
      seen.push(...items.map((r) => r.seq));
      if (nextBefore === null) break;
      query = `context=approvals&action=working-calendar.&pageSize=2&before=${nextBefore}`;
    }
    expect(seen).toEqual((await page('context=approvals&action=working-calendar.')).items.map((r) => r.seq));
    expect(new Set(seen).size).toBe(days.length + 1);
  });

  it('reads the gateway’s own trail: an account the administrator deactivated, from what to what; the read itself is not recorded', async () => {
    const created = await world.gateway.call('POST', '/api/v1/users', {
      token: await token('admin'),
      body: {
        username: `bkm.audit.${randomUUID().slice(0, 8)}`,
        password: 'audit-password-1',
        role: 'BKM',
        regionCode: BALIK_ALAM,
        displayName: 'BKM Jejak Audit',
      },
    });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    const patched = await world.gateway.call('PATCH', `/api/v1/users/${id}`, { token: await token('admin'), body: { active: false } });
    expect(patched.status).toBe(200);

    const { items } = await page(`context=gateway&entityId=${id}`);
    expect(items.map((r) => [r.action, r.actor?.username, r.entityType])).toEqual([
      ['user.updated', 'admin', 'user_account'],
      ['user.created', 'admin', 'user_account'],
    ]);
    expect(items[0].before).toEqual({ role: 'BKM', regionCode: BALIK_ALAM, active: true });
    expect(items[0].after).toEqual({ role: 'BKM', regionCode: BALIK_ALAM, active: false });
    // Reading again finds the trail as it was: a read is not a change.
    const newest = (await page('context=gateway&pageSize=1')).items[0].seq;
    await page('context=gateway');
    expect((await page('context=gateway&pageSize=1')).items[0].seq).toBe(newest);
  });

  it('is for administrators only: 401 without a token, 403 for every other role', async () => {
    expect((await world.gateway.call('GET', '/api/v1/audit?context=approvals')).status).toBe(401);
    for (const username of [`bkm.${BALIK_ALAM}`, `lurah.${BALIK_ALAM}`, 'sekda', 'bupati', 'bpkad', 'verifikator']) {
      expect([username, (await read('context=approvals', username)).status]).toEqual([username, 403]);
      expect([username, (await read('context=gateway', username)).status]).toEqual([username, 403]);
    }
  });

  it('refuses a bad filter with 400 naming the field', async () => {
    const fieldsOf = async (query: string) => {
      const response = await read(query);
      expect(response.status).toBe(400);
      const body = await response.json();
      return (body.errors as Array<{ field: string }>).map((e) => e.field);
    };
    expect(await fieldsOf('context=identity')).toEqual(['context']);
    expect(await fieldsOf('action=proposal.submitted')).toEqual(['context']);
    expect(await fieldsOf('context=approvals&pageSize=101')).toEqual(['pageSize']);
    expect(await fieldsOf('context=approvals&before=abc')).toEqual(['before']);
    expect(await fieldsOf('context=approvals&from=yesterday')).toEqual(['from']);
    expect(await fieldsOf('context=approvals&action=proposal.%25')).toEqual(['action']);
    expect(await fieldsOf('context=approvals&from=2031-03-02T00:00:00Z&to=2031-03-01T00:00:00Z')).toEqual(['to']);
  });

  it('exports as CSV every record the filters match, newest first, for administrators only', async () => {
    const csv = async (query: string, username = 'admin') =>
      world.gateway.call('GET', `/api/v1/audit/csv?${query}`, { token: await token(username) });
    const answer = await csv('context=approvals&action=working-calendar.');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/csv');
    expect(answer.headers.get('content-disposition')).toContain('jejak-audit-approvals.csv');
    const text = await answer.text();
    const [header, ...lines] = text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(header).toBe(
      'seq,waktu_utc,pelaku,nama_pelaku,peran_pelaku,atas_nama,nama_atas_nama,tindakan,jenis_objek,id_objek,status_sebelum,status_sesudah,sebelum_json,sesudah_json',
    );
    // The same records as the list, in its order, all of them on one file.
    expect(lines.map((line) => Number(line.split(',')[0]))).toEqual(
      (await page('context=approvals&action=working-calendar.')).items.map((r) => r.seq),
    );
    const removal = lines.find((line) => line.includes('working-calendar.holiday-removed'))!;
    expect(removal).toContain(
      `,admin,Administrator Alur Bengkalis,ADMIN,,,working-calendar.holiday-removed,working-calendar-holiday,${days[0]},,,`,
    );
    expect(removal).toContain(`"{""date"":""${days[0]}"",""name"":""Cuti bersama ${days[0]}""}"`);

    expect((await csv('context=approvals', 'bupati')).status).toBe(403);
    const paged = await csv('context=approvals&pageSize=5');
    expect(paged.status).toBe(400);
    expect(((await paged.json()).errors as Array<{ field: string }>).map((e) => e.field)).toEqual(['pageSize']);

    // More records than one file holds: refused with a code the console puts in words, not cut short.
    await world.db.query(
      `INSERT INTO audit_record (id, occurred_at, action, entity_type, entity_id, prev_hash, hash)
       SELECT gen_random_uuid(), now(), 'test.bulk-export', 'test', g::text, repeat('0', 64), md5(g::text) || md5('x' || g::text)
         FROM generate_series(1, 10001) AS g`,
    );
    const tooMany = await csv('context=approvals&action=test.bulk-export');
    expect(tooMany.status).toBe(422);
    expect(await tooMany.json()).toMatchObject({ code: 'AUDIT_EXPORT_TOO_LARGE' });
  });
});
