import { randomUUID } from 'node:crypto';
import { createTestIsolation, expectEventually, removeTestResources, THIS_FISCAL_YEAR } from '@alur/testing';
import { RunningGateway, startGateway } from '../gateway/gateway-harness';
import {
  approval,
  BKM_ACCOUNT,
  EventPublisher,
  fundedDisbursements,
  programme,
  ProgrammePublishedV1,
  ProposalApprovedV1,
  releaseByTwo,
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

  /** Two BPKAD officials release a tranche: `bpkad` prepares the SPM, `bpkad.kuasa-bud` authorises it. `key: null` sends no Idempotency-Key header. */
  const prepare = (n: number, body: object, key: string | null = randomUUID(), token = tokens.bpkad, id = disbursementId) =>
    gateway.call('POST', `/api/v1/disbursements/${id}/tranches/${n}/spm`, {
      token,
      body,
      headers: key === null ? {} : { 'Idempotency-Key': key },
    });
  const release = (n: number, body: object, key: string | null = randomUUID(), token = tokens.kuasaBud, id = disbursementId) =>
    gateway.call('POST', `/api/v1/disbursements/${id}/tranches/${n}/release`, {
      token,
      body,
      headers: key === null ? {} : { 'Idempotency-Key': key },
    });
  const returnSpm = (n: number, reason: string, token = tokens.kuasaBud) =>
    gateway.call('POST', `/api/v1/disbursements/${disbursementId}/tranches/${n}/spm/return`, { token, body: { reason } });
  const report = (physicalProgressPercent: number, amountSpent: number, token = tokens.bkm) =>
    gateway.call('POST', `/api/v1/proposals/${proposalId}/progress-reports`, {
      token,
      body: { physicalProgressPercent, amountSpent, note: `Kemajuan fisik ${physicalProgressPercent}%` },
    });
  /** The field verifier accepts the BKM's latest report; only then does it count. */
  const acceptLatestReport = async () => {
    const [latest] = (await (await gateway.call('GET', `/api/v1/proposals/${proposalId}/progress-reports`, { token: tokens.bkm })).json())
      .items;
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
  /** BPKAD's queue: the disbursements with a tranche waiting for its SPM or its authorisation. */
  const treasuryQueue = async () => {
    const response = await gateway.call('GET', '/api/v1/disbursements?awaitingTreasury=true', { token: tokens.bpkad });
    expect(response.status).toBe(200);
    return ((await response.json()).items as Array<{ id: string }>).map((item) => item.id);
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
      kuasaBud: 'bpkad.kuasa-bud',
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
    expect(item).toMatchObject({
      proposalId,
      amount: AMOUNT,
      released: 0,
      ceilingRegionCode: '14.03.09',
      villageCode: BALIK_ALAM,
      villageName: 'Balik Alam',
      districtName: 'Mandau',
    });
    expect(item.tranches.map((t: { amount: number; status: string }) => [t.amount, t.status])).toEqual([
      [133_333_333, 'READY'],
      [99_999_999, 'LOCKED'],
      [100_000_001, 'LOCKED'],
    ]);
    expect(await treasuryQueue()).toEqual([disbursementId]);
    const [committed] = await outboxEvents('disbursements.budget-committed');
    expect(committed).toMatchObject({ proposalId, amount: AMOUNT, ceilingRegionCode: '14.03.09' });
    expect((await outboxEvents('disbursements.tranche-ready')).map((p: { trancheNumber: number }) => p.trancheNumber)).toEqual([1]);

    const budgets = await gateway.call('GET', `/api/v1/budgets?programCode=${KOTAKU}&year=${THIS_FISCAL_YEAR}&regionCode=14.03.09`, {
      token: tokens.bpkad,
    });
    expect((await budgets.json()).items).toEqual([
      expect.objectContaining({
        regionCode: '14.03.09',
        amount: 2_000_000_000,
        committed: AMOUNT,
        released: 0,
        available: 2_000_000_000 - AMOUNT,
      }),
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
    const spm = { sp2dNumber: 'SP2D-T-0001', bankAccount: BKM_ACCOUNT };
    for (const who of ['bkm', 'lurah', 'camat', 'admin']) {
      expect((await prepare(1, spm, randomUUID(), tokens[who])).status).toBe(403);
      expect((await release(1, body, randomUUID(), tokens[who])).status).toBe(403);
    }
    for (const missing of [await prepare(1, spm, null), await release(1, body, null)]) {
      expect(missing.status).toBe(400);
      expect((await missing.json()).errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    }
    const badAccount = await prepare(1, { sp2dNumber: 'SP2D-T-0001', bankAccount: { ...BKM_ACCOUNT, accountNumber: '12-34' } });
    expect(badAccount.status).toBe(400);
    expect((await badAccount.json()).errors).toEqual([expect.objectContaining({ field: 'bankAccount.accountNumber' })]);
    expect((await prepare(2, spm)).status).toBe(409);
    expect((await release(2, body)).status).toBe(409);
  });

  it('takes two BPKAD officials: one prepares the SPM, and the same one can neither authorise nor return it', async () => {
    const sp2dDate = { releasedAt: SP2D_DATE };
    const unprepared = await release(1, { sp2dNumber: 'SP2D-T-0001', ...sp2dDate });
    expect(unprepared.status).toBe(409);
    expect((await unprepared.json()).message).toBe(
      'Tranche 1 has no SPM to authorise: one BPKAD official prepares it first, then another authorises it',
    );

    const prepared = await prepare(1, { sp2dNumber: 'SP2D-T-0001', bankAccount: BKM_ACCOUNT });
    expect(prepared.status).toBe(200);
    expect(await prepared.json()).toMatchObject({
      trancheNumber: 1,
      amount: 133_333_333,
      sp2dNumber: 'SP2D-T-0001',
      bankAccount: BKM_ACCOUNT,
      status: 'PREPARED',
      preparedBy: { username: 'bpkad' },
      message: 'SPM termin 1 dari 3 sebesar Rp 133.333.333 disiapkan untuk SP2D SP2D-T-0001; menunggu otorisasi pejabat BPKAD lain.',
    });
    expect((await disbursementAs(tokens.kuasaBud)).tranches[0]).toMatchObject({
      status: 'PREPARED',
      sp2dNumber: null,
      spm: {
        sp2dNumber: 'SP2D-T-0001',
        bankAccount: BKM_ACCOUNT,
        // Named, for the second official to read who prepared it.
        preparedBy: { username: 'bpkad', displayName: 'PPK-SKPD BPKAD Kabupaten Bengkalis' },
      },
    });
    // Preparing twice is refused, by whoever tries.
    for (const token of [tokens.bpkad, tokens.kuasaBud]) {
      const twice = await prepare(1, { sp2dNumber: 'SP2D-T-0002', bankAccount: BKM_ACCOUNT }, randomUUID(), token);
      expect(twice.status).toBe(409);
      expect((await twice.json()).message).toContain('already has an SPM (SP2D SP2D-T-0001) prepared by bpkad');
    }

    // The attack: the official who prepared the SPM authorises it too. Refused, and nothing is paid.
    const ownAuthorisation = await release(1, { sp2dNumber: 'SP2D-T-0001', ...sp2dDate }, randomUUID(), tokens.bpkad);
    expect(ownAuthorisation.status).toBe(403);
    expect(await ownAuthorisation.json()).toMatchObject({
      message: 'You prepared this SPM yourself: authorising it must be done by another BPKAD official',
      code: 'SAME_OFFICIAL',
    });
    expect((await returnSpm(1, 'Saya sendiri yang menyiapkan', tokens.bpkad)).status).toBe(403);
    expect(await outboxEvents('disbursements.tranche-released')).toEqual([]);
    expect((await disbursementAs(tokens.bpkad)).tranches[0].status).toBe('PREPARED');
    const [unpaid] = await disbursements.db.query(`SELECT released FROM budget_ceiling WHERE program_code = $1`, [KOTAKU]);
    expect(unpaid.released).toBe('0');

    // The second official authorises only the SPM they saw, and may send it back with a reason.
    const otherNumber = await release(1, { sp2dNumber: 'SP2D-T-0002', ...sp2dDate });
    expect(otherNumber.status).toBe(409);
    expect(await otherNumber.json()).toMatchObject({ errors: [{ field: 'sp2dNumber' }] });
    expect((await returnSpm(1, '  ')).status).toBe(400);
    const returned = await returnSpm(1, 'Rekening belum dicocokkan dengan SK penetapan BKM');
    expect(returned.status).toBe(200);
    expect(await returned.json()).toMatchObject({ number: 1, status: 'READY', spm: null });
    // Returned once, there is no SPM left to return: the code tells a console that another official was first.
    const twice = await returnSpm(1, 'Sekali lagi');
    expect([twice.status, (await twice.json()).code]).toEqual([409, 'SPM_NOT_PREPARED']);
    // BPKAD reads the SPM returned and why, each official by name, to prepare the next one.
    expect((await disbursementAs(tokens.bpkad)).tranches[0].returnedSpm).toMatchObject({
      sp2dNumber: 'SP2D-T-0001',
      bankAccount: BKM_ACCOUNT,
      preparedBy: { username: 'bpkad', displayName: 'PPK-SKPD BPKAD Kabupaten Bengkalis' },
      returnedBy: { username: 'bpkad.kuasa-bud', displayName: 'Kuasa BUD BPKAD Kabupaten Bengkalis' },
      reason: 'Rekening belum dicocokkan dengan SK penetapan BKM',
    });
    expect(await outboxEvents('disbursements.spm-returned')).toEqual([
      expect.objectContaining({ trancheNumber: 1, sp2dNumber: 'SP2D-T-0001', reason: 'Rekening belum dicocokkan dengan SK penetapan BKM' }),
    ]);

    // Prepared again (the SP2D number is free once more), it waits for the second official.
    expect((await prepare(1, { sp2dNumber: 'SP2D-T-0001', bankAccount: BKM_ACCOUNT })).status).toBe(200);
    expect(
      (await outboxEvents('disbursements.tranche-prepared')).map((p: { preparedBy: { username: string } }) => p.preparedBy.username),
    ).toEqual(['bpkad', 'bpkad']);
    const history = await disbursements.audit.history('tranche', `${disbursementId}/1`);
    expect(history.map((r) => [r.action, r.actor?.username])).toEqual([
      ['tranche.prepared', 'bpkad'],
      ['tranche.spm-returned', 'bpkad.kuasa-bud'],
      ['tranche.prepared', 'bpkad'],
    ]);
    // Prepared, it still waits for the treasury: for the second official's authorisation, who reads what was returned before.
    expect(await treasuryQueue()).toEqual([disbursementId]);
    expect((await disbursementAs(tokens.kuasaBud)).tranches[0]).toMatchObject({
      status: 'PREPARED',
      returnedSpm: { reason: 'Rekening belum dicocokkan dengan SK penetapan BKM' },
    });
  });

  it('releases a tranche once when two authorisations race, each sent 10 times at once: one key’s answers all alike, the other’s 409', async () => {
    const [key, rival] = [randomUUID(), randomUUID()];
    const body = { sp2dNumber: 'SP2D-T-0001', releasedAt: SP2D_DATE };
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => release(1, body, i % 2 === 0 ? key : rival)));
    const byKey = [0, 1].map((parity) => responses.filter((_, i) => i % 2 === parity).map((r) => r.status));
    expect(byKey.map((statuses) => [...new Set(statuses)]).sort()).toEqual([[200], [409]]);
    const winningKey = byKey[0][0] === 200 ? key : rival;
    const winner = responses.filter((r) => r.status === 200);
    const answers = await Promise.all(winner.map((r) => r.text()));
    expect(answers).toHaveLength(10);
    expect(new Set(answers).size).toBe(1);
    expect(JSON.parse(answers[0])).toMatchObject({
      trancheNumber: 1,
      amount: 133_333_333,
      sp2dNumber: 'SP2D-T-0001',
      status: 'RELEASED',
      releasedAt: `${THIS_FISCAL_YEAR - 1}-12-31T17:00:00.000Z`,
      preparedBy: { username: 'bpkad' },
      authorisedBy: { username: 'bpkad.kuasa-bud' },
      message: 'Termin 1 dari 3 sebesar Rp 133.333.333 telah dicairkan dengan SP2D SP2D-T-0001.',
    });
    const losers = responses.filter((r) => r.status === 409);
    expect(await losers[0].json()).toMatchObject({
      message: 'Tranche 1 was already released with SP2D SP2D-T-0001',
      code: 'TRANCHE_ALREADY_RELEASED',
    });

    expect(await outboxEvents('disbursements.tranche-released')).toEqual([
      expect.objectContaining({
        sp2dNumber: 'SP2D-T-0001',
        releasedBy: expect.objectContaining({ username: 'bpkad.kuasa-bud' }),
        preparedBy: expect.objectContaining({ username: 'bpkad' }),
      }),
    ]);
    const item = await disbursementAs(tokens.bpkad);
    expect(item.released).toBe(133_333_333);
    expect(item.tranches[0]).toMatchObject({
      status: 'RELEASED',
      sp2dNumber: 'SP2D-T-0001',
      spm: { preparedBy: { username: 'bpkad', displayName: 'PPK-SKPD BPKAD Kabupaten Bengkalis' } },
      authorisedBy: { username: 'bpkad.kuasa-bud', displayName: 'Kuasa BUD BPKAD Kabupaten Bengkalis' },
    });
    const [ceiling] = await disbursements.db.query(`SELECT released FROM budget_ceiling WHERE program_code = $1`, [KOTAKU]);
    expect(ceiling.released).toBe('133333333');

    // The same key with another body is refused; another request for the released tranche conflicts.
    expect(await (await release(1, body, winningKey)).text()).toBe(answers[0]);
    expect((await release(1, { ...body, sp2dNumber: 'SP2D-T-9999' }, winningKey)).status).toBe(422);
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
    expect((await bad.json()).errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'amountSpent',
      'photos.0.url',
      'physicalProgressPercent',
    ]);
  });

  it('makes the next tranche ready once verified progress meets its threshold', async () => {
    const low = await report(20, 100_000_000);
    expect(low.status).toBe(201);
    expect((await low.json()).disbursement.tranches[1].status).toBe('LOCKED');
    // Tranche 1 paid and tranche 2 locked: funding, but nothing for BPKAD to do.
    expect(await treasuryQueue()).toEqual([]);

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
    expect(await treasuryQueue()).toEqual([disbursementId]);
    expect(
      (await outboxEvents('disbursements.progress-reported')).map((p: { physicalProgressPercent: number }) => p.physicalProgressPercent),
    ).toEqual([20, 35]);
  });

  it('refuses an SP2D number that was already used, naming the field', async () => {
    const reused = await prepare(2, { sp2dNumber: 'SP2D-T-0001', bankAccount: BKM_ACCOUNT });
    expect(reused.status).toBe(409);
    expect(await reused.json()).toMatchObject({ errors: [{ field: 'sp2dNumber' }] });
    expect((await disbursementAs(tokens.bpkad)).tranches[1].status).toBe('READY');
  });

  it('completes the proposal when the last tranche is released and the final report is in', async () => {
    const twoOfficials = { preparer: tokens.bpkad, authoriser: tokens.kuasaBud };
    expect(
      (await releaseByTwo(gateway, twoOfficials, disbursementId, 2, { sp2dNumber: 'SP2D-T-0002', releasedAt: new Date().toISOString() }))
        .status,
    ).toBe(200);
    expect((await report(75, 230_000_000)).status).toBe(201);
    await acceptLatestReport();
    const last = await releaseByTwo(gateway, twoOfficials, disbursementId, 3, {
      sp2dNumber: 'SP2D-T-0003',
      releasedAt: new Date().toISOString(),
    });
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
    expect(await outboxEvents('disbursements.proposal-completed')).toEqual([
      expect.objectContaining({ proposalId, totalReleased: AMOUNT }),
    ]);
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

  it('refuses preparing or authorising to anyone who decided an approval stage of the proposal, as acting official too', async () => {
    const other = randomUUID();
    const userIdOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { sub: string }).sub;
    const principal = (username: string, role: string, userId: string = randomUUID()) => ({ userId, username, role, regionCode: '14.03' });
    // The Kuasa BUD sat in as Plt Sekda while the Sekda was away, and approved stage 4 of this proposal.
    await events.publish(ProposalApprovedV1, other, {
      ...approval(KOTAKU, AIR_JAMBA, 10_000_000, new Date(), { proposalId: other }),
      stageDecisions: [
        {
          submissionNumber: 1,
          stageOrder: 1,
          role: 'LURAH',
          decidedBy: { ...principal(`lurah.${AIR_JAMBA}`, 'LURAH'), regionCode: AIR_JAMBA },
        },
        {
          submissionNumber: 1,
          stageOrder: 4,
          role: 'SEKDA',
          decidedBy: { ...principal('bpkad.kuasa-bud', 'BPKAD', userIdOf(tokens.kuasaBud)), actingFor: principal('sekda', 'SEKDA') },
        },
      ],
    });
    const { [other]: otherId } = await fundedDisbursements(gateway, tokens.bpkad, [other]);
    const spm = { sp2dNumber: 'SP2D-T-0101', bankAccount: { ...BKM_ACCOUNT, accountHolder: 'BKM Air Jamba' } };

    const ownPreparation = await prepare(1, spm, randomUUID(), tokens.kuasaBud, otherId);
    expect(ownPreparation.status).toBe(403);
    expect((await ownPreparation.json()).message).toBe(
      'You decided stage 4 (SEKDA, as acting official for sekda) of this proposal: someone who approved it may not prepare its release',
    );
    expect((await prepare(1, spm, randomUUID(), tokens.bpkad, otherId)).status).toBe(200);
    const ownAuthorisation = await release(
      1,
      { sp2dNumber: 'SP2D-T-0101', releasedAt: new Date().toISOString() },
      randomUUID(),
      tokens.kuasaBud,
      otherId,
    );
    expect(ownAuthorisation.status).toBe(403);
    expect((await ownAuthorisation.json()).message).toBe(
      'You decided stage 4 (SEKDA, as acting official for sekda) of this proposal: someone who approved it may not authorise its release',
    );
    expect((await outboxEvents('disbursements.tranche-released')).filter((p: { proposalId: string }) => p.proposalId === other)).toEqual(
      [],
    );
    const [waiting] = (await (await gateway.call('GET', `/api/v1/disbursements?proposalId=${other}`, { token: tokens.bpkad })).json())
      .items;
    expect(waiting.released).toBe(0);
    expect(waiting.tranches[0]).toMatchObject({
      status: 'PREPARED',
      spm: { sp2dNumber: 'SP2D-T-0101', preparedBy: { username: 'bpkad' } },
    });
  });

  it('gives BPKAD its queue oldest approval first, paged, while the funded list reads newest first', async () => {
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
    const [older, old] = [randomUUID(), randomUUID()];
    await events.publish(ProposalApprovedV1, older, approval(KOTAKU, AIR_JAMBA, 10_000_000, daysAgo(10), { proposalId: older }));
    await events.publish(ProposalApprovedV1, old, approval(KOTAKU, BALIK_ALAM, 10_000_000, daysAgo(5), { proposalId: old }));
    const ids = await fundedDisbursements(gateway, tokens.bpkad, [older, old]);
    const queue = await treasuryQueue();
    // The last test's proposal, approved today, waits for its SPM's authorisation; the completed one is not there.
    expect(queue).toHaveLength(3);
    expect(queue.slice(0, 2)).toEqual([ids[older], ids[old]]);
    expect(queue).not.toContain(disbursementId);

    const secondPage = await gateway.call('GET', '/api/v1/disbursements?awaitingTreasury=true&page=2&pageSize=1', { token: tokens.bpkad });
    expect(await secondPage.json()).toMatchObject({ total: 3, page: 2, pageSize: 1, items: [{ id: ids[old] }] });
    const funding = await gateway.call('GET', '/api/v1/disbursements?status=FUNDING', { token: tokens.bpkad });
    expect(((await funding.json()).items as Array<{ id: string }>).map((item) => item.id)).toEqual([...queue].reverse());
  });
});
