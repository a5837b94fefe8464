import { randomUUID } from 'node:crypto';
import { createTestIsolation, expectEventually, removeTestResources } from '@alur/testing';
import { BALIK_ALAM, BKM_ACCOUNT, kotakuDraft, MANDAU } from '../proposals/proposal-fixtures';
import { approveByChain, callApiAs, firstTrancheReady, releaseTranche, RunningSystem, startSystem } from '../web/console-harness';

const CHAIN = [`lurah.${BALIK_ALAM}`, `camat.${MANDAU}`, 'dinas', 'sekda', 'bupati'];

interface TrailRecord {
  context: string;
  seq: number;
  occurredAt: string;
  actor: { username: string; displayName?: string } | null;
  action: string;
  entityType: string;
  entityId: string;
}

/**
 * An inspector, through an administrator, follows one grant from its draft to its first tranche: every record
 * each service kept about it, in one list in time order, and in one file.
 */
describe('a proposal’s audit trail across the services', () => {
  const isolation = createTestIsolation();
  let system: RunningSystem;
  let proposalId: string;
  let otherProposalId: string;
  let disbursementId: string;
  let adminToken: string;

  const get = (path: string, token = adminToken) => fetch(`${system.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  const trailOf = async (id: string) => {
    const response = await get(`/audit/proposals/${id}`);
    expect(response.status).toBe(200);
    return (await response.json()) as { proposalId: string; items: TrailRecord[]; unavailable: string[] };
  };

  beforeAll(async () => {
    system = await startSystem(isolation);
    adminToken = (await callApiAs(system.url, 'admin')).token;
    const bkm = await callApiAs(system.url, `bkm.${BALIK_ALAM}`);
    ({ id: proposalId } = await bkm<{ id: string }>('POST', '/proposals', kotakuDraft(BALIK_ALAM, { title: 'Jalan setapak RT 02' })));
    await bkm('POST', `/proposals/${proposalId}/submit`, {});
    // Another proposal of the same village, in review: none of its records belong to the first one's trail.
    ({ id: otherProposalId } = await bkm<{ id: string }>('POST', '/proposals', kotakuDraft(BALIK_ALAM, { title: 'Drainase RT 05' })));
    await bkm('POST', `/proposals/${otherProposalId}/submit`, {});
    await approveByChain(system.url, proposalId, CHAIN);

    disbursementId = await firstTrancheReady(system.url, proposalId);
    await releaseTranche(system.url, disbursementId, 1, { sp2dNumber: '0042/SP2D/LS/BPKAD/2026', bankAccount: BKM_ACCOUNT });
  }, 120_000);

  afterAll(async () => {
    await system?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('tells the grant’s story in time order, from each service that kept a record of it, and nothing of another proposal', async () => {
    // The release's record is the last one written; the stages' and the commitment's come from events, in between.
    const trail = await expectEventually(async () => {
      const read = await trailOf(proposalId);
      expect(read.items.map((r) => r.action)).toContain('tranche.released');
      return read;
    });
    expect(trail.unavailable).toEqual([]);
    const times = trail.items.map((r) => r.occurredAt);
    expect(times).toEqual([...times].sort());
    const bkm = `bkm.${BALIK_ALAM}`;
    const keptBy = (context: string) => trail.items.filter((r) => r.context === context).map((r) => [r.action, r.actor?.username ?? null]);
    expect(keptBy('proposals')).toEqual([
      ['proposal.created', bkm],
      ['proposal.submitted', bkm],
      ['approval.stage-opened', bkm],
      ['proposal.approved', 'bupati'],
      ['disbursement.budget-committed', null],
    ]);
    // Each stage opened (by whoever's act opened it) and decided by its official, then the chain approved.
    expect(keptBy('approvals')).toEqual([
      ...CHAIN.flatMap((official, i) => [
        ['approval-stage.opened', i === 0 ? bkm : CHAIN[i - 1]],
        ['approval-stage.decided', official],
      ]),
      ['approval-chain.approved', 'bupati'],
    ]);
    // Each by the name their account carries, beside the username the record keeps.
    const decided = trail.items.filter((r) => r.action === 'approval-stage.decided').map((r) => r.actor!.displayName);
    expect(decided).toEqual([
      'Lurah Balik Alam',
      'Camat Mandau',
      'Dinas Teknis Kabupaten Bengkalis',
      'Sekretaris Daerah Kabupaten Bengkalis',
      'Bupati Bengkalis',
    ]);
    expect(keptBy('disbursements')).toEqual([
      ['disbursement.budget-committed', null],
      ['tranche.prepared', 'bpkad'],
      ['tranche.released', 'bpkad.kuasa-bud'],
    ]);
    expect(trail.items.filter((r) => r.context === 'disbursements').map((r) => r.entityId)).toEqual([
      disbursementId,
      `${disbursementId}/1`,
      `${disbursementId}/1`,
    ]);
    // One story across the services: submitted before its first stage opened, approved before the money was committed.
    const at = (context: string, action: string) => trail.items.findIndex((r) => r.context === context && r.action === action);
    expect(at('proposals', 'proposal.submitted')).toBeLessThan(at('approvals', 'approval-stage.opened'));
    expect(at('approvals', 'approval-chain.approved')).toBeLessThan(at('disbursements', 'disbursement.budget-committed'));
    expect(trail.items.at(-1)).toMatchObject({ context: 'disbursements', action: 'tranche.released' });

    // The other proposal's trail holds its own submission and its first stage, nothing of the first one's.
    await expectEventually(async () => {
      const other = await trailOf(otherProposalId);
      expect(other.items.map((r) => [r.context, r.action])).toEqual([
        ['proposals', 'proposal.created'],
        ['proposals', 'proposal.submitted'],
        ['approvals', 'approval-stage.opened'],
        ['proposals', 'approval.stage-opened'],
      ]);
    });
  });

  it('gives the same records as one CSV file, oldest first, each with the service that keeps it', async () => {
    const { items } = await trailOf(proposalId);
    const answer = await get(`/audit/proposals/${proposalId}/csv`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/csv');
    expect(answer.headers.get('content-disposition')).toContain(`jejak-audit-usulan-${proposalId.slice(0, 8)}.csv`);
    const [header, ...lines] = (await answer.text())
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(header).toBe(
      'layanan,seq,waktu_utc,pelaku,nama_pelaku,peran_pelaku,atas_nama,nama_atas_nama,tindakan,jenis_objek,id_objek,status_sebelum,status_sesudah,sebelum_json,sesudah_json',
    );
    expect(lines.map((line) => line.split(',').slice(0, 3))).toEqual(items.map((r) => [r.context, String(r.seq), r.occurredAt]));
    expect(lines.at(-1)).toContain(',bpkad.kuasa-bud,Kuasa BUD BPKAD Kabupaten Bengkalis,BPKAD,,,tranche.released,tranche,');
  });

  it('narrows one service’s trail to the proposal, and refuses what it cannot answer', async () => {
    const page = async (query: string) => (await get(`/audit?${query}`)).json();
    const approvals = await page(`context=approvals&proposalId=${proposalId}`);
    expect(approvals.items.map((r: TrailRecord) => r.action).sort()).toEqual(
      [...CHAIN.map(() => 'approval-stage.opened'), ...CHAIN.map(() => 'approval-stage.decided'), 'approval-chain.approved'].sort(),
    );
    const fieldsOf = async (response: Response) => [
      response.status,
      ((await response.json()).errors ?? []).map((e: { field: string }) => e.field),
    ];
    expect(await fieldsOf(await get(`/audit?context=gateway&proposalId=${proposalId}`))).toEqual([400, ['proposalId']]);
    expect(await fieldsOf(await get(`/audit?context=approvals&proposalId=usulan-7`))).toEqual([400, ['proposalId']]);
    expect(await fieldsOf(await get('/audit/proposals/usulan-7'))).toEqual([400, ['proposalId']]);
    expect((await get(`/audit/proposals/${randomUUID()}`)).status).toBe(404);
    expect((await get(`/audit/proposals/${randomUUID()}/csv`)).status).toBe(404);
    // The audit trail is for administrators: the BKM, whose proposal it is, does not read it.
    const bkm = await callApiAs(system.url, `bkm.${BALIK_ALAM}`);
    expect((await get(`/audit/proposals/${proposalId}`, bkm.token)).status).toBe(403);
  });

  // Last: it stops a service.
  it('names a service that did not answer instead of failing the read, and refuses a file that would miss its records', async () => {
    await system.stop('notifications');
    const { items, unavailable } = await trailOf(proposalId);
    expect(unavailable).toEqual(['notifications']);
    expect(items.map((r) => r.action)).toContain('tranche.released');
    expect((await get(`/audit/proposals/${proposalId}/csv`)).status).toBe(503);
  });
});
