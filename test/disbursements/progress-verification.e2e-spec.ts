import { randomUUID } from 'node:crypto';
import { createTestIsolation, expectEventually, removeTestResources } from '@alur/testing';
import { RunningGateway, startGateway } from '../gateway/gateway-harness';
import {
  approval,
  EventPublisher,
  fundedDisbursements,
  programme,
  ProgrammePublishedV1,
  ProposalApprovedV1,
  ProposalSubmittedV1,
  releaseByTwo,
  RunningDisbursements,
  startDisbursements,
  submission,
} from './disbursements-harness';

const BALIK_ALAM = '14.03.09.1004';
const PROGRAMME = 'VERIF-T';
/** The issue's own figures: a budget of Rp 1,100,000, of which Rp 100,000 swadaya; tranche 1 is 40% of the rest. */
const REQUESTED = 1_000_000;
const SWADAYA = 100_000;
const PHOTO = { url: 'https://files.example.id/balik-alam/cor.jpg', caption: 'Pengecoran RT 03' };

describe('progress reports are checked, then verified on site before money moves', () => {
  const isolation = createTestIsolation();
  let disbursements: RunningDisbursements;
  let gateway: RunningGateway;
  let events: EventPublisher;
  const tokens: Record<string, string> = {};
  const proposalId = randomUUID();
  let disbursementId: string;

  const report = (physicalProgressPercent: number, amountSpent: number, photos: object[] = [PHOTO]) =>
    gateway.call('POST', `/api/v1/proposals/${proposalId}/progress-reports`, {
      token: tokens.bkm,
      body: { physicalProgressPercent, amountSpent, note: `Kemajuan fisik ${physicalProgressPercent}%`, photos },
    });
  const verify = (reportId: string, body: object, token = tokens.verifier) =>
    gateway.call('POST', `/api/v1/progress-reports/${reportId}/verification`, { token, body });
  const trancheStatuses = async () => {
    const response = await gateway.call('GET', `/api/v1/disbursements?proposalId=${proposalId}`, { token: tokens.bkm });
    return (await response.json()).items[0].tranches.map((t: { status: string }) => t.status);
  };
  const fieldsOf = async (response: { json(): Promise<any> }) => (await response.json()).errors.map((e: { field: string }) => e.field);
  const outboxPayloads = async (type: string) =>
    (await disbursements.db.query(`SELECT envelope FROM outbox_event WHERE envelope->>'type' = $1 ORDER BY seq`, [type])).map(
      (row: { envelope: { payload: Record<string, unknown> } }) => row.envelope.payload,
    );

  beforeAll(async () => {
    disbursements = await startDisbursements(isolation);
    gateway = await startGateway(isolation);
    events = await EventPublisher.open(isolation);
    for (const [name, username] of Object.entries({
      bkm: `bkm.${BALIK_ALAM}`,
      bpkad: 'bpkad',
      kuasaBud: 'bpkad.kuasa-bud',
      camat: 'camat.14.03.09',
      verifier: 'verifikator.14.03.09',
      regencyVerifier: 'verifikator',
      otherVerifier: 'verifikator.14.03.13',
    })) {
      tokens[name] = await gateway.tokenOf(username);
    }
    await events.publish(
      ProgrammePublishedV1,
      PROGRAMME,
      programme(PROGRAMME, {
        tranchePlan: [
          { shareBp: 4000, unlockProgressPercent: 0 },
          { shareBp: 3000, unlockProgressPercent: 30 },
          { shareBp: 3000, unlockProgressPercent: 70 },
        ],
        ceiling: { regionLevel: 'district', amount: 2_000_000_000 },
        progressPhotosRequired: true,
      }),
    );
    await events.publish(
      ProposalSubmittedV1,
      proposalId,
      submission(PROGRAMME, BALIK_ALAM, { requestedAmount: REQUESTED, selfHelpAmount: SWADAYA }, proposalId),
    );
    await events.publish(ProposalApprovedV1, proposalId, approval(PROGRAMME, BALIK_ALAM, REQUESTED, new Date(), { proposalId }));
    ({ [proposalId]: disbursementId } = await fundedDisbursements(gateway, tokens.bpkad, [proposalId]));
    await expectEventually(async () => {
      const [swadaya] = await disbursements.db.query('SELECT self_help_amount FROM proposal_submission WHERE proposal_id = $1', [
        proposalId,
      ]);
      expect(swadaya?.self_help_amount).toBe(String(SWADAYA));
    });
    const released = await releaseByTwo(gateway, { preparer: tokens.bpkad, authoriser: tokens.kuasaBud }, disbursementId, 1, {
      sp2dNumber: 'SP2D-V-0001',
      releasedAt: new Date().toISOString(),
    });
    expect(released.status).toBe(200);
  });

  afterAll(async () => {
    await events?.close();
    await gateway?.close();
    await disbursements?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('refuses a report without a photo where the programme asks for photos', async () => {
    const response = await report(35, 300_000, []);
    expect(response.status).toBe(400);
    expect(await fieldsOf(response)).toEqual(['photos']);
  });

  it('refuses spending above what was released plus the swadaya, saying how much that is', async () => {
    const response = await report(35, 5_000_000);
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual([
      expect.objectContaining({
        field: 'amountSpent',
        reason: 'must not exceed what was released (Rp 400.000) plus the swadaya (Rp 100.000): Rp 500.000',
      }),
    ]);
  });

  it('does not unlock the next tranche on the BKM’s word alone: 100% right after tranche 1 waits for the verifier', async () => {
    const first = await report(35, 300_000);
    expect(first.status).toBe(201);
    expect((await first.json()).report).toMatchObject({ physicalProgressPercent: 35, verificationStatus: 'PENDING', photos: [PHOTO] });
    const attack = await report(100, 500_000);
    expect(attack.status).toBe(201);
    const body = await attack.json();
    expect(body.report).toMatchObject({ final: true, verificationStatus: 'PENDING' });
    expect(body.disbursement).toMatchObject({ progressPercent: null });
    expect(await trancheStatuses()).toEqual(['RELEASED', 'LOCKED', 'LOCKED']);
    expect(await outboxPayloads('disbursements.tranche-ready')).toHaveLength(1);
  });

  it('shows the verifiers of the kecamatan and of the regency the pending reports, the one waiting longest first, with photos and figures, and nobody else’s', async () => {
    for (const who of ['verifier', 'regencyVerifier']) {
      const response = await gateway.call('GET', '/api/v1/progress-reports?verificationStatus=PENDING', { token: tokens[who] });
      expect(response.status).toBe(200);
      const { items } = await response.json();
      expect(items.map((r: { physicalProgressPercent: number }) => r.physicalProgressPercent)).toEqual([35, 100]);
      expect(items[0]).toMatchObject({
        proposalId,
        villageCode: BALIK_ALAM,
        amountSpent: 300_000,
        released: 400_000,
        selfHelpAmount: SWADAYA,
        photos: [PHOTO],
        reportedBy: `bkm.${BALIK_ALAM}`,
        // Named as the BKM's account is, for the verifier to read who reported.
        reporter: { username: `bkm.${BALIK_ALAM}`, displayName: 'BKM Balik Alam' },
        verifier: null,
      });
    }
    const other = await gateway.call('GET', '/api/v1/progress-reports?verificationStatus=PENDING', { token: tokens.otherVerifier });
    expect((await other.json()).items).toEqual([]);
  });

  it('lets only a Verifikator of the proposal’s region decide, and asks for a note when sending back', async () => {
    const [attack] = (await (await gateway.call('GET', `/api/v1/proposals/${proposalId}/progress-reports`, { token: tokens.bkm })).json())
      .items;
    expect((await verify(attack.id, { decision: 'ACCEPTED' }, tokens.bkm)).status).toBe(403);
    expect((await verify(attack.id, { decision: 'ACCEPTED' }, tokens.camat)).status).toBe(403);
    expect((await verify(attack.id, { decision: 'ACCEPTED' }, tokens.otherVerifier)).status).toBe(404);
    const noNote = await verify(attack.id, { decision: 'SENT_BACK' });
    expect(noNote.status).toBe(400);
    expect(await fieldsOf(noNote)).toEqual(['note']);
  });

  it('sends the 100% claim back with a note the BKM reads, and unlocks tranche 2 only on the accepted 35% report', async () => {
    const [attack, real] = (
      await (await gateway.call('GET', `/api/v1/proposals/${proposalId}/progress-reports`, { token: tokens.bkm })).json()
    ).items;
    const sentBack = await verify(attack.id, { decision: 'SENT_BACK', note: 'Di lokasi baru 35%: laporkan sesuai kondisi lapangan.' });
    expect(sentBack.status).toBe(200);
    expect((await sentBack.json()).report).toMatchObject({ verificationStatus: 'SENT_BACK', verifiedBy: 'verifikator.14.03.09' });
    expect(await trancheStatuses()).toEqual(['RELEASED', 'LOCKED', 'LOCKED']);
    expect((await verify(attack.id, { decision: 'ACCEPTED' })).status).toBe(409);

    const accepted = await verify(real.id, { decision: 'ACCEPTED' });
    expect(accepted.status).toBe(200);
    expect((await accepted.json()).disbursement).toMatchObject({ progressPercent: 35 });
    expect(await trancheStatuses()).toEqual(['RELEASED', 'READY', 'LOCKED']);

    const seenByBkm = (await (await gateway.call('GET', `/api/v1/proposals/${proposalId}/progress-reports`, { token: tokens.bkm })).json())
      .items;
    expect(
      seenByBkm.map((r: { verificationStatus: string; verificationNote: string | null; verifier: { displayName: string } }) => [
        r.verificationStatus,
        r.verificationNote,
        r.verifier.displayName,
      ]),
    ).toEqual([
      ['SENT_BACK', 'Di lokasi baru 35%: laporkan sesuai kondisi lapangan.', 'Verifikator Dinas Teknis Kecamatan Mandau'],
      ['ACCEPTED', null, 'Verifikator Dinas Teknis Kecamatan Mandau'],
    ]);
    expect(
      (await outboxPayloads('disbursements.progress-report-verified')).map((p: Record<string, unknown>) => [
        p.reportId,
        p.decision,
        p.note,
        (p.verifiedBy as { username: string }).username,
      ]),
    ).toEqual([
      [attack.id, 'SENT_BACK', 'Di lokasi baru 35%: laporkan sesuai kondisi lapangan.', 'verifikator.14.03.09'],
      [real.id, 'ACCEPTED', null, 'verifikator.14.03.09'],
    ]);
  });

  it('refuses progress going backwards and spending decreasing against the last report that stands', async () => {
    const backwards = await report(20, 200_000);
    expect(backwards.status).toBe(400);
    expect((await backwards.json()).errors).toEqual([
      expect.objectContaining({ field: 'physicalProgressPercent', reason: 'must not go below the 35% reported before' }),
      expect.objectContaining({ field: 'amountSpent', reason: 'must not go below the Rp 300.000 reported before' }),
    ]);
    // The sent-back 100% claim does not stand: the BKM may report what is really there.
    expect((await report(40, 350_000)).status).toBe(201);
    const history = await disbursements.audit.history('disbursement', disbursementId);
    expect(history.map((r) => r.action)).toEqual([
      'disbursement.budget-committed',
      'progress.reported',
      'progress.final-reported',
      'progress.sent-back',
      'progress.accepted',
      'progress.reported',
    ]);
  });
});
