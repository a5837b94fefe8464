import { AuditIntegrityReport, auditReportSound } from '@alur/contracts';
import { createTestIsolation, expectEventually, removeTestResources } from '@alur/testing';
import { BALIK_ALAM, kotakuDraft } from '../proposals/proposal-fixtures';
import { callApiAs, pastAuditTriggers, queryDatabase, RunningSystem, startSystem } from '../web/console-harness';

const SERVICES = ['proposals', 'approvals', 'disbursements', 'notifications', 'gateway'];

/**
 * The inspectorate checks, from the console's API and without anyone's database access, that no service's audit
 * trail was changed: each record's hash and link, and, against the report it kept from an earlier check, that no
 * record was removed since. What a database superuser could do behind the services is what it must find.
 */
describe('the audit trails verified by the inspectorate through the gateway', () => {
  const isolation = createTestIsolation();
  let system: RunningSystem;
  let inspector: string;

  const verify = (body: unknown, token = inspector) =>
    fetch(`${system.url}/api/v1/audit/verification`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const report = async (body: unknown = {}): Promise<AuditIntegrityReport> => {
    const response = await verify(body);
    expect(response.status).toBe(200);
    return (await response.json()) as AuditIntegrityReport;
  };
  const of = (checked: AuditIntegrityReport, service: string) => checked.services.find((s) => s.service === service)!;

  beforeAll(async () => {
    system = await startSystem(isolation);
    inspector = (await callApiAs(system.url, 'inspektorat')).token;
    const bkm = await callApiAs(system.url, `bkm.${BALIK_ALAM}`);
    const { id } = await bkm<{ id: string }>('POST', '/proposals', kotakuDraft(BALIK_ALAM, { title: 'Jalan setapak RT 02' }));
    await bkm('POST', `/proposals/${id}/submit`, {});
    // The first stage opened: the approvals service has written what this proposal gives it to write.
    await expectEventually(async () => {
      const stages = await bkm<Array<{ status: string }>>('GET', `/approvals/proposals/${id}/stages`);
      expect(stages.map((s) => s.status)).toContain('OPEN');
    });
  }, 120_000);

  afterAll(async () => {
    await system?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('says every service’s trail verifies, with the records checked and a fingerprint of its heads', async () => {
    const checked = await report();
    expect(checked.services.map((s) => s.service)).toEqual(SERVICES);
    expect(auditReportSound(checked)).toBe(true);
    for (const service of checked.services) {
      expect(service).toMatchObject({ valid: true, firstBroken: null, missingHeads: [] });
      expect(service.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    }
    // What the proposal's submission and first stage wrote, and the logins and users the gateway recorded, were checked.
    for (const service of ['proposals', 'approvals', 'gateway']) expect(of(checked, service).checked).toBeGreaterThan(0);
    expect(of(checked, 'approvals').heads.length).toBeGreaterThan(0);

    // The administrator checks too; the officials whose acts the trail records do not.
    const asAdmin = await verify({}, (await callApiAs(system.url, 'admin')).token);
    expect(asAdmin.status).toBe(200);
    expect((await verify({}, (await callApiAs(system.url, 'bupati')).token)).status).toBe(403);
  });

  it('finds the newest record of a trail removed, against the report kept from an earlier check', async () => {
    const kept = await report();
    const [newest] = [...of(kept, 'approvals').heads].sort((a, b) => b.seq - a.seq);
    await pastAuditTriggers(isolation, 'approvals', `DELETE FROM audit_record WHERE chain = ${newest.chain} AND seq = ${newest.seq}`);

    // What is left still links up: without the kept report, nothing shows the loss.
    expect(of(await report(), 'approvals')).toMatchObject({ valid: true, missingHeads: [] });
    // With it (the file as downloaded, every field of it sent back), the removed head is named, and only there.
    const later = await report({ expected: kept });
    expect(auditReportSound(later)).toBe(false);
    expect(of(later, 'approvals').missingHeads).toEqual([newest]);
    for (const service of SERVICES.filter((s) => s !== 'approvals'))
      expect(of(later, service)).toMatchObject({ valid: true, missingHeads: [] });
  });

  it('names the first record whose content was changed, and the service keeping it', async () => {
    const [target] = await queryDatabase<{ seq: string; id: string }>(
      isolation,
      `SELECT seq, id FROM "${isolation.env.DB_SCHEMA_PREFIX}proposals".audit_record WHERE action = 'proposal.submitted'`,
    );
    await pastAuditTriggers(
      isolation,
      'proposals',
      `UPDATE audit_record SET after = jsonb_set(after, '{requestedAmount}', '999000000') WHERE seq = ${Number(target.seq)}`,
    );

    const checked = await report();
    expect(of(checked, 'proposals')).toMatchObject({
      valid: false,
      firstBroken: { seq: Number(target.seq), id: target.id, reason: 'content-changed' },
    });
    expect(of(checked, 'disbursements')).toMatchObject({ valid: true });
  });

  it('refuses a malformed earlier report, naming the field', async () => {
    const response = await verify({
      expected: { services: [{ service: 'approvals', heads: [{ chain: 0, seq: 1, hash: 'not-a-hash' }] }] },
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ field: string; reason: string }> };
    expect(body.errors).toEqual([expect.objectContaining({ field: 'expected.services.0.heads.0.hash' })]);
  });

  it('reports a service that does not answer as not checked, beside the others’ verdicts', async () => {
    await system.stop('notifications');
    const checked = await report();
    expect(of(checked, 'notifications')).toMatchObject({ valid: false, checked: 0, error: 'did not answer' });
    expect(of(checked, 'disbursements')).toMatchObject({ valid: true });
    expect(of(checked, 'disbursements')).not.toHaveProperty('error');
    expect(auditReportSound(checked)).toBe(false);
  });
});
