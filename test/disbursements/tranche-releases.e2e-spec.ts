import { randomUUID } from 'node:crypto';
import { createTestIsolation, expectEventually, removeTestResources, THIS_FISCAL_YEAR } from '@alur/testing';
import { RunningGateway, startGateway } from '../gateway/gateway-harness';
import {
  approval,
  EventPublisher,
  programme,
  ProgrammePublishedV1,
  ProposalApprovedV1,
  RunningDisbursements,
  startDisbursements,
} from './disbursements-harness';

const BALIK_ALAM = '14.03.09.1004';
const AIR_JAMBA = '14.03.09.1001';
const KOTAKU = 'KOTAKU-T';
/** The SP2D is dated at the very start of this fiscal year, in WIB: 17:00 UTC of the last day of the year before. */
const SP2D_DATE = `${THIS_FISCAL_YEAR}-01-01T00:00:00+07:00`;
/** An awkward amount: 40/30/30 of it does not divide into whole rupiah. */
const AMOUNT = 333_333_333;

describe('a proposal funded tranche by tranche', () => {
  const isolation = createTestIsolation();
  let disbursements: RunningDisbursements;
  let gateway: RunningGateway;
  let events: EventPublisher;
  const tokens: Record<string, string> = {};
  const proposalId = randomUUID();
  let disbursementId: string;

  /** `key: null` sends no Idempotency-Key header. */
  const release = (n: number, body: object, key: string | null = randomUUID(), token = tokens.bpkad) =>
    gateway.call('POST', `/api/v1/disbursements/${disbursementId}/tranches/${n}/release`, {
      token,
      body,
      headers: key === null ? {} : { 'Idempotency-Key': key },
    });
  const report = (physicalProgressPercent: number, amountSpent: number, token = tokens.bkm) =>
    gateway.call('POST', `/api/v1/proposals/${proposalId}/progress-reports`, {
      token,
      body: { physicalProgressPercent, amountSpent, note: `Kemajuan fisik ${physicalProgressPercent}%` },
    });
  /** The field verifier accepts the BKM's latest report; only then does it count. */
  const acceptLatestReport = async () => {
    const [latest] = (await (await gateway.call('GET', `/api/v1/proposals/${proposalId}/progress-reports`, { token: tokens.bkm })).json()).items;
    const response = await gateway.call('POST', `/api/v1/progress-reports/${latest.id}/verification`, {
      token: tokens.verifier,
      body: { decision: 'ACCEPTED' },
    });
    expect(response.status).toBe(200);
    return (await response.json()).disbursement;
  };
  const disbursementAs = async (token: string) => {
    const response = await gateway.call('GET', `/api/v1/disbursements?proposalId=${proposalId}`, { token });
    expect(response.status).toBe(200);
    return (await response.json()).items[0];
  };
  const outboxEvents = async (type: string) =>
    (await disbursements.db.query(`SELECT envelope FROM outbox_event WHERE envelope->>'type' = $1 ORDER BY seq`, [type])).map(
      (row: { envelope: { payload: Record<string, unknown> } }) => row.envelope.payload,
    );

  beforeAll(async () => {
    disbursements = await startDisbursements(isolation);
    gateway = await startGateway(isolation);
    events = await EventPublisher.open(isolation);
    for (const [name, username] of Object.entries({
      bpkad: 'bpkad',
      admin: 'admin',
      bkm: `bkm.${BALIK_ALAM}`,
      lurah: `lurah.${BALIK_ALAM}`,
      otherBkm: `bkm.${AIR_JAMBA}`,
      camat: 'camat.14.03.09',
      verifier: 'verifikator.14.03.09',
    })) {
      tokens[name] = await gateway.tokenOf(username);
    }
    await events.publish(
      ProgrammePublishedV1,
      KOTAKU,
      programme(KOTAKU, {
        tranchePlan: [
          { shareBp: 4000, unlockProgressPercent: 0 },
          { shareBp: 3000, unlockProgressPercent: 30 },
          { shareBp: 3000, unlockProgressPercent: 70 },
        ],
        ceiling: { regionLevel: 'district', amount: 2_000_000_000 },
      }),
    );
    await events.publish(ProposalApprovedV1, proposalId, approval(KOTAKU, BALIK_ALAM, AMOUNT, new Date(), { proposalId }));
    const funded = await expectEventually(async () => {
      const item = await disbursementAs(tokens.bpkad);
      expect(item?.status).toBe('FUNDING');
      return item;
    });
    disbursementId = funded.id;
  });

  afterAll(async () => {
    await events?.close();
    await gateway?.close();
    await disbursements?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('commits the amount against the kecamatan’s ceiling and splits it 40/30/30 to the exact rupiah, the first tranche ready', async () => {
    const item = await disbursementAs(tokens.bkm);
    expect(item).toMatchObject({ proposalId, amount: AMOUNT, released: 0, ceilingRegionCode: '14.03.09', villageCode: BALIK_ALAM });
    expect(item.tranches.map((t: { amount: number; status: string }) => [t.amount, t.status])).toEqual([
      [133_333_333, 'READY'],
      [99_999_999, 'LOCKED'],
      [100_000_001, 'LOCKED'],
    ]);
    const [committed] = await outboxEvents('disbursements.budget-committed');
    expect(committed).toMatchObject({ proposalId, amount: AMOUNT, ceilingRegionCode: '14.03.09' });
    expect((await outboxEvents('disbursements.tranche-ready')).map((p: { trancheNumber: number }) => p.trancheNumber)).toEqual([1]);

    const budgets = await gateway.call('GET', `/api/v1/budgets?programCode=${KOTAKU}&year=${THIS_FISCAL_YEAR}&regionCode=14.03.09`, { token: tokens.bpkad });
    expect((await budgets.json()).items).toEqual([
      expect.objectContaining({ regionCode: '14.03.09', amount: 2_000_000_000, committed: AMOUNT, released: 0, available: 2_000_000_000 - AMOUNT }),
    ]);
  });

  it('shows each caller only the disbursements of their region', async () => {
    expect((await disbursementAs(tokens.camat))?.id).toBe(disbursementId);
    expect((await disbursementAs(tokens.lurah))?.id).toBe(disbursementId);
    expect(await disbursementAs(tokens.otherBkm)).toBeUndefined();
    expect((await gateway.call('GET', '/api/v1/budgets', { token: tokens.bkm })).status).toBe(403);
  });

  it('refuses a release by anyone but BPKAD, and a release without an Idempotency-Key', async () => {
    const body = { sp2dNumber: 'SP2D-T-0001', releasedAt: new Date().toISOString() };
    for (const who of ['bkm', 'lurah', 'camat', 'admin']) expect((await release(1, body, randomUUID(), tokens[who])).status).toBe(403);
    const missing = await release(1, body, null);
    expect(missing.status).toBe(400);
    expect((await missing.json()).errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    expect((await release(2, { sp2dNumber: 'SP2D-T-0001', releasedAt: new Date().toISOString() })).status).toBe(409);
  });

  it('releases a tranche once when the same request is sent 20 times at once, answering all 20 alike', async () => {
    const key = randomUUID();
    const body = { sp2dNumber: 'SP2D-T-0001', releasedAt: SP2D_DATE };
    const responses = await Promise.all(Array.from({ length: 20 }, () => release(1, body, key)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const answers = await Promise.all(responses.map((r) => r.text()));
    expect(new Set(answers).size).toBe(1);
    expect(JSON.parse(answers[0])).toMatchObject({
      trancheNumber: 1,
      amount: 133_333_333,
      sp2dNumber: 'SP2D-T-0001',
      status: 'RELEASED',
      releasedAt: `${THIS_FISCAL_YEAR - 1}-12-31T17:00:00.000Z`,
      message: 'Termin 1 dari 3 sebesar Rp 133.333.333 telah dicairkan dengan SP2D SP2D-T-0001.',
    });

    expect(await outboxEvents('disbursements.tranche-released')).toHaveLength(1);
    const item = await disbursementAs(tokens.bpkad);
    expect(item.released).toBe(133_333_333);
    expect(item.tranches[0]).toMatchObject({ status: 'RELEASED', sp2dNumber: 'SP2D-T-0001' });
    const [ceiling] = await disbursements.db.query(`SELECT released FROM budget_ceiling WHERE program_code = $1`, [KOTAKU]);
    expect(ceiling.released).toBe('133333333');

    // The same key with another body is refused; another request for the released tranche conflicts.
    expect((await release(1, { ...body, sp2dNumber: 'SP2D-T-9999' }, key)).status).toBe(422);
    const again = await release(1, { sp2dNumber: 'SP2D-T-0002', releasedAt: SP2D_DATE });
    expect(again.status).toBe(409);
    expect((await again.json()).message).toContain('already released with SP2D SP2D-T-0001');
  });

  it('takes progress reports from the proposal’s own BKM only', async () => {
    expect((await report(10, 50_000_000, tokens.lurah)).status).toBe(403);
    expect((await report(10, 50_000_000, tokens.otherBkm)).status).toBe(404);
    const bad = await gateway.call('POST', `/api/v1/proposals/${proposalId}/progress-reports`, {
      token: tokens.bkm,
      body: { physicalProgressPercent: 101, amountSpent: 1.5, note: 'x', photos: [{ url: 'http://insecure.example/a.jpg' }] },
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.map((e: { field: string }) => e.field).sort()).toEqual(['amountSpent', 'photos.0.url', 'physicalProgressPercent']);
  });

  it('makes the next tranche ready once verified progress meets its threshold', async () => {
    const low = await report(20, 100_000_000);
    expect(low.status).toBe(201);
    expect((await low.json()).disbursement.tranches[1].status).toBe('LOCKED');

    const enough = await gateway.call('POST', `/api/v1/proposals/${proposalId}/progress-reports`, {
      token: tokens.bkm,
      body: {
        physicalProgressPercent: 35,
        amountSpent: 130_000_000,
        note: 'Pengecoran tahap pertama selesai',
        photos: [{ url: 'https://files.example.id/balik-alam/cor-1.jpg', caption: 'Pengecoran RT 03' }],
      },
    });
    expect(enough.status).toBe(201);
    const body = await enough.json();
    expect(body.report).toMatchObject({
      physicalProgressPercent: 35,
      final: false,
      verificationStatus: 'PENDING',
      photos: [{ url: 'https://files.example.id/balik-alam/cor-1.jpg' }],
    });
    expect(body.disbursement.tranches.map((t: { status: string }) => t.status)).toEqual(['RELEASED', 'LOCKED', 'LOCKED']);
    expect((await acceptLatestReport()).tranches.map((t: { status: string }) => t.status)).toEqual(['RELEASED', 'READY', 'LOCKED']);
    expect((await outboxEvents('disbursements.progress-reported')).map((p: { physicalProgressPercent: number }) => p.physicalProgressPercent)).toEqual([20, 35]);
  });

  it('refuses an SP2D number that was already used, naming the field', async () => {
    const reused = await release(2, { sp2dNumber: 'SP2D-T-0001', releasedAt: new Date().toISOString() });
    expect(reused.status).toBe(409);
    expect(await reused.json()).toMatchObject({ errors: [{ field: 'sp2dNumber' }] });
    expect((await disbursementAs(tokens.bpkad)).tranches[1].status).toBe('READY');
  });

  it('completes the proposal when the last tranche is released and the final report is in', async () => {
    expect((await release(2, { sp2dNumber: 'SP2D-T-0002', releasedAt: new Date().toISOString() })).status).toBe(200);
    expect((await report(75, 230_000_000)).status).toBe(201);
    await acceptLatestReport();
    const last = await release(3, { sp2dNumber: 'SP2D-T-0003', releasedAt: new Date().toISOString() });
    expect(last.status).toBe(200);
    expect(await last.json()).toMatchObject({ trancheNumber: 3, amount: 100_000_001, disbursementStatus: 'FUNDING' });
    expect(await outboxEvents('disbursements.proposal-completed')).toEqual([]);

    const final = await report(100, AMOUNT);
    expect(final.status).toBe(201);
    expect((await final.json()).report.final).toBe(true);
    expect((await disbursementAs(tokens.bkm)).status).toBe('FUNDING');
    await acceptLatestReport();
    const item = await disbursementAs(tokens.bkm);
    expect(item).toMatchObject({ status: 'COMPLETED', released: AMOUNT, progressPercent: 100 });
    expect(item.tranches.reduce((sum: number, t: { amount: number }) => sum + t.amount, 0)).toBe(AMOUNT);
    expect(await outboxEvents('disbursements.proposal-completed')).toEqual([expect.objectContaining({ proposalId, totalReleased: AMOUNT })]);
    expect((await report(100, AMOUNT)).status).toBe(409);

    const history = await disbursements.audit.history('disbursement', disbursementId);
    expect(history.map((r) => r.action)).toEqual([
      'disbursement.budget-committed',
      'progress.reported',
      'progress.reported',
      'progress.accepted',
      'progress.reported',
      'progress.accepted',
      'progress.final-reported',
      'progress.accepted',
      'disbursement.completed',
    ]);
    expect(await disbursements.audit.verifyChain()).toMatchObject({ valid: true });
  });
});
