import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createServiceApp } from '@alur/platform';
import { RegionDirectory } from '@alur/regions';
import { createTestIsolation, expectEventually, pdfText, removeTestResources, spreadsheetSheets } from '@alur/testing';
import { ApprovalsModule } from '../../apps/approvals/src/approvals.module';
import { FireStageTimerUseCase } from '../../apps/approvals/src/timers/use-cases/fire-stage-timer.use-case';
import { DEMO_FISCAL_YEAR, DEMO_KOTAKU, DEMO_PROGRAMMES } from '../../apps/proposals/src/seed/demo-programmes';
import { RunningGateway, startGateway } from '../gateway/gateway-harness';
import { kotakuDraft } from '../proposals/proposal-fixtures';
import { RunningProposals, startProposals } from '../proposals/proposals-harness';
import { fundedDisbursements, releaseByTwo, RunningDisbursements, startDisbursements } from './disbursements-harness';

const MANDAU = '14.03.09';
const PINGGIR = '14.03.13';
const BALIK_ALAM = '14.03.09.1004';
const AIR_JAMBA = '14.03.09.1001';
const MANDAU_THIRD = RegionDirectory.shared()
  .villagesOf(MANDAU)
  .find((v) => v.code !== BALIK_ALAM && v.code !== AIR_JAMBA)!.code;
const [PINGGIR_FIRST, PINGGIR_SECOND] = RegionDirectory.shared()
  .villagesOf(PINGGIR)
  .map((v) => v.code);
const PROGRAMME = `EVAL-${DEMO_FISCAL_YEAR}`;
/** Western Indonesian Time (the regency's TIMEZONE): `wib('2026-03-16 10:00')` is Monday 10:00 in Bengkalis. */
const wib = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);

/**
 * The data set, by hand: a Rp 100,000,000 pagu per village, tranches 50/50, Mandau the pilot.
 * Mandau: Balik Alam approved (tranche 1 of Rp 47,500,000 released, 60% verified), Air Jamba approved
 * (nothing released), a third village rejected — 3 submitted, 2 approved, 1 rejected; 2 funded,
 * pagu 200,000,000, committed 190,000,000, released 47,500,000: 2500 bp of committed, 9500 bp of
 * pagu, progress (60 + 0) / 2 = 30%.
 * Pinggir: one village approved (tranche 1 released), one returned — 2 submitted, 1 approved,
 * 1 returned; 1 funded, pagu 100,000,000, committed 95,000,000: 5000 bp and 9500 bp, progress 0%.
 */
/**
 * The stages, by hand. The chain is Lurah → Camat, three working days (hari kerja) each. Their history
 * is laid in March 2026, whose calendar has Nyepi (Thursday 19, national holiday) and the cuti bersama
 * the operator adds on Friday 20: the working days that week and the next are Mon 16, Tue 17, Wed 18,
 * Mon 23 … Fri 27. Opened 10:00 on Monday 16, a stage is due Monday 23 10:00; opened Wednesday 18
 * 10:00, due Wednesday 25 10:00; opened Tuesday 17 22:00, due Tuesday 24 22:00.
 * Mandau (pilot):
 *   Balik Alam  Lurah Mon 16 10:00 → Wed 18 10:00 = 14/24 + 1 + 10/24 = 2 (on time)
 *               Camat Wed 18 10:00 → Wed 25 14:00 = 14/24 + 2 + 14/24 = 3.17 → 3.2 (late, escalated)
 *   Air Jamba   Lurah Mon 16 10:00 → Tue 17 22:00 = 14/24 + 22/24 = 1.5 (on time)
 *               Camat Tue 17 22:00 → Fri 27 22:00 = 2/24 + 5 + 22/24 = 6 (late; its alarm never rang)
 *   third       Lurah Mon 16 10:00 → Tue 24 10:00 = 14/24 + 3 + 10/24 = 4, rejected (late, escalated)
 *   Lurah: 1.5, 2, 4 → median (rank ⌈1.5⌉ = 2) 2, p90 (rank ⌈2.7⌉ = 3) 4; Camat: 3.2, 6 → median (rank 1)
 *   3.2, p90 (rank 2) 6. Late 3, escalated 2. (Without the cuti bersama the rejected stage took 5.)
 * Pinggir: first village Lurah Mon 16 10:00 → Mon 23 10:00 = 3, decided at its deadline (on time),
 *   Camat Mon 23 10:00 → 22:00 = 0.5; second village Lurah Mon 16 10:00 → Tue 17 10:00 = 1, returned.
 *   Lurah: 1, 3 → median 1, p90 3; Camat: 0.5. Nothing late or escalated.
 */
const TWO_STAGE_CHAIN = [
  { role: 'LURAH', regionLevel: 'village', serviceLevelWorkingDays: 3 },
  { role: 'CAMAT', regionLevel: 'district', serviceLevelWorkingDays: 3 },
];
type Stage = { role: 'LURAH' | 'CAMAT'; opened: string; decided: string; due: string };
const HISTORY: Record<string, Stage[]> = {
  [BALIK_ALAM]: [
    { role: 'LURAH', opened: '2026-03-16 10:00', decided: '2026-03-18 10:00', due: '2026-03-23 10:00' },
    { role: 'CAMAT', opened: '2026-03-18 10:00', decided: '2026-03-25 14:00', due: '2026-03-25 10:00' },
  ],
  [AIR_JAMBA]: [
    { role: 'LURAH', opened: '2026-03-16 10:00', decided: '2026-03-17 22:00', due: '2026-03-23 10:00' },
    { role: 'CAMAT', opened: '2026-03-17 22:00', decided: '2026-03-27 22:00', due: '2026-03-24 22:00' },
  ],
  [MANDAU_THIRD]: [{ role: 'LURAH', opened: '2026-03-16 10:00', decided: '2026-03-24 10:00', due: '2026-03-23 10:00' }],
  [PINGGIR_FIRST]: [
    { role: 'LURAH', opened: '2026-03-16 10:00', decided: '2026-03-23 10:00', due: '2026-03-23 10:00' },
    { role: 'CAMAT', opened: '2026-03-23 10:00', decided: '2026-03-23 22:00', due: '2026-03-26 10:00' },
  ],
  [PINGGIR_SECOND]: [{ role: 'LURAH', opened: '2026-03-16 10:00', decided: '2026-03-17 10:00', due: '2026-03-23 10:00' }],
};

describe('the pilot evaluation: a programme’s pilot regions against the others', () => {
  const isolation = createTestIsolation();
  let disbursements: RunningDisbursements;
  let proposals: RunningProposals;
  let approvals: INestApplication;
  let approvalsDb: DataSource;
  let gateway: RunningGateway;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let disbursementIds: Record<string, string>;

  const submitted = async (villageCode: string) => {
    const token = await gateway.tokenOf(`bkm.${villageCode}`);
    const created = await gateway.call('POST', '/api/v1/proposals', { token, body: kotakuDraft(villageCode, { programCode: PROGRAMME }) });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    expect((await gateway.call('POST', `/api/v1/proposals/${id}/submit`, { token, body: {} })).status).toBe(200);
    return id as string;
  };
  /** The proposal's stage of `order` once it is open, as the approvals service opened it. */
  const openStage = (proposalId: string, order: number) =>
    expectEventually(async () => {
      const [stage] = (await approvalsDb.query(
        `SELECT id FROM approval_stage WHERE proposal_id = $1 AND stage_order = $2 AND status = 'OPEN'`,
        [proposalId, order],
      )) as Array<{ id: string }>;
      expect(stage).toBeDefined();
      return stage.id;
    });
  /** The official decides the proposal's open stage of `order` through the API; escalated first when `escalate`, as the deadline's alarm does. */
  const decide = async (village: string, order: number, username: string, body: { decision: string; note?: string }, escalate = false) => {
    const stageId = await openStage(ids[village], order);
    if (escalate) {
      const [timer] = (await approvalsDb.query(`SELECT generation FROM stage_timer WHERE stage_id = $1 AND kind = 'DEADLINE'`, [
        stageId,
      ])) as Array<{ generation: number }>;
      expect(await approvals.get(FireStageTimerUseCase).execute({ stageId, kind: 'DEADLINE', generation: timer.generation })).toBe('fired');
    }
    const decided = await gateway.call('POST', `/api/v1/approvals/${stageId}/decision`, { token: await gateway.tokenOf(username), body });
    expect(decided.status).toBe(200);
  };
  const releaseFirstTranche = async (proposalId: string) => {
    const response = await releaseByTwo(gateway, { preparer: tokens.bpkad, authoriser: tokens.kuasaBud }, disbursementIds[proposalId], 1, {
      sp2dNumber: `SP2D-E-${proposalId.slice(0, 8)}`,
      releasedAt: new Date().toISOString(),
    });
    expect(response.status).toBe(200);
  };

  /** The programme evaluated here: KOTAKU's rules, piloted in Mandau and Pinggir, in two tranches under a village pagu. */
  const evaluatedProgramme = () => ({
    ...structuredClone(DEMO_PROGRAMMES.find((p) => p.code === DEMO_KOTAKU)!),
    code: PROGRAMME,
    eligibleRegions: { scope: 'LIST', regionCodes: [MANDAU, PINGGIR] },
    tranchePlan: [
      { shareBp: 5000, unlockProgressPercent: 0 },
      { shareBp: 5000, unlockProgressPercent: 50 },
    ],
    budgetCeiling: { regionLevel: 'village', amount: 100_000_000 },
    progressPhotosRequired: false,
    approvalChain: TWO_STAGE_CHAIN,
  });

  beforeAll(async () => {
    disbursements = await startDisbursements(isolation);
    proposals = await startProposals(isolation);
    approvals = await createServiceApp(ApprovalsModule.forRoot({ ...isolation.env, APPROVALS_PORT: '0' }), 'approvals', { rpc: true });
    approvalsDb = approvals.get(DataSource);
    gateway = await startGateway(isolation);
    for (const [name, username] of Object.entries({
      admin: 'admin',
      bpkad: 'bpkad',
      kuasaBud: 'bpkad.kuasa-bud',
      bappeda: 'dinas',
      bkm: `bkm.${BALIK_ALAM}`,
      lurah: `lurah.${BALIK_ALAM}`,
      verifier: 'verifikator',
    })) {
      tokens[name] = await gateway.tokenOf(username);
    }
    expect((await gateway.call('POST', '/api/v1/programmes', { token: tokens.admin, body: evaluatedProgramme() })).status).toBe(201);
    expect((await gateway.call('POST', `/api/v1/programmes/${PROGRAMME}/versions/1/publish`, { token: tokens.admin })).status).toBe(200);

    for (const village of [BALIK_ALAM, AIR_JAMBA, MANDAU_THIRD, PINGGIR_FIRST, PINGGIR_SECOND]) ids[village] = await submitted(village);
    // The operator's cuti bersama after Nyepi: a holiday of the calendar the deadlines are counted in.
    expect(
      (
        await gateway.call('POST', '/api/v1/approvals/holidays', {
          token: tokens.admin,
          body: { date: '2026-03-20', name: 'Cuti bersama Nyepi' },
        })
      ).status,
    ).toBe(201);
    const mandauCamat = `camat.${MANDAU}`;
    const pinggirCamat = `camat.${PINGGIR}`;
    const approve = { decision: 'APPROVE' };
    await decide(BALIK_ALAM, 1, `lurah.${BALIK_ALAM}`, approve);
    await decide(BALIK_ALAM, 2, mandauCamat, approve, true);
    await decide(AIR_JAMBA, 1, `lurah.${AIR_JAMBA}`, approve);
    await decide(AIR_JAMBA, 2, mandauCamat, approve);
    await decide(MANDAU_THIRD, 1, `lurah.${MANDAU_THIRD}`, { decision: 'REJECT', note: 'Di luar RPLP' }, true);
    await decide(PINGGIR_FIRST, 1, `lurah.${PINGGIR_FIRST}`, approve);
    await decide(PINGGIR_FIRST, 2, pinggirCamat, approve);
    await decide(PINGGIR_SECOND, 1, `lurah.${PINGGIR_SECOND}`, { decision: 'RETURN', note: 'Lengkapi RAB' });
    // Their history as it happened in March, laid over the decisions just taken (a test cannot wait for weeks).
    for (const [village, stages] of Object.entries(HISTORY)) {
      for (const [i, stage] of stages.entries()) {
        const [, updated] = (await approvalsDb.query(
          `UPDATE approval_stage SET opened_at = $3, decided_at = $4, due_at = $5 WHERE proposal_id = $1 AND stage_order = $2 AND decided_at IS NOT NULL`,
          [ids[village], i + 1, wib(stage.opened), wib(stage.decided), wib(stage.due)],
        )) as [unknown, number];
        expect(updated).toBe(1);
      }
    }

    disbursementIds = await fundedDisbursements(gateway, tokens.bpkad, [ids[BALIK_ALAM], ids[AIR_JAMBA], ids[PINGGIR_FIRST]]);
    await releaseFirstTranche(ids[BALIK_ALAM]);
    await releaseFirstTranche(ids[PINGGIR_FIRST]);
    const reported = await gateway.call('POST', `/api/v1/proposals/${ids[BALIK_ALAM]}/progress-reports`, {
      token: tokens.bkm,
      body: { physicalProgressPercent: 60, amountSpent: 40_000_000, note: 'Pengecoran 60%' },
    });
    expect(reported.status).toBe(201);
    const verified = await gateway.call('POST', `/api/v1/progress-reports/${(await reported.json()).report.id}/verification`, {
      token: tokens.verifier,
      body: { decision: 'ACCEPTED' },
    });
    expect(verified.status).toBe(200);
  });

  afterAll(async () => {
    await gateway?.close();
    await approvals?.close();
    await proposals?.close();
    await disbursements?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  const MANDAU_FIGURES = {
    submitted: 3,
    approved: 2,
    returned: 0,
    rejected: 1,
    funded: 2,
    awaitingBudget: 0,
    ceiling: 200_000_000,
    committed: 190_000_000,
    released: 47_500_000,
    releasedOfCommittedBp: 2500,
    committedOfCeilingBp: 9500,
    averageProgressPercent: 30,
    completed: 0,
    completedOnTime: 0,
    stages: [
      { role: 'LURAH', decided: 3, medianWorkingDays: 2, p90WorkingDays: 4, overdue: 1, escalated: 1 },
      { role: 'CAMAT', decided: 2, medianWorkingDays: 3.2, p90WorkingDays: 6, overdue: 2, escalated: 1 },
    ],
    overdueStages: 3,
    escalatedStages: 2,
  };
  const PINGGIR_FIGURES = {
    submitted: 2,
    approved: 1,
    returned: 1,
    rejected: 0,
    funded: 1,
    awaitingBudget: 0,
    ceiling: 100_000_000,
    committed: 95_000_000,
    released: 47_500_000,
    releasedOfCommittedBp: 5000,
    committedOfCeilingBp: 9500,
    averageProgressPercent: 0,
    completed: 0,
    completedOnTime: 0,
    stages: [
      { role: 'LURAH', decided: 2, medianWorkingDays: 1, p90WorkingDays: 3, overdue: 0, escalated: 0 },
      { role: 'CAMAT', decided: 1, medianWorkingDays: 0.5, p90WorkingDays: 0.5, overdue: 0, escalated: 0 },
    ],
    overdueStages: 0,
    escalatedStages: 0,
  };
  const evaluation = (query = '', token = tokens.bappeda) =>
    gateway.call('GET', `/api/v1/evaluations/${PROGRAMME}/${DEMO_FISCAL_YEAR}${query}`, { token });

  it('compares the pilot kecamatan named by the analyst with the rest, figures as computed by hand', async () => {
    const response = await evaluation(`?pilot=${MANDAU}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      programCode: PROGRAMME,
      fiscalYear: DEMO_FISCAL_YEAR,
      pilotRegionCodes: [MANDAU],
      pilotRegions: [{ code: MANDAU, name: 'Kec. Mandau' }],
      groups: [
        { group: 'PILOT', ...MANDAU_FIGURES },
        { group: 'OTHERS', ...PINGGIR_FIGURES },
      ],
    });
    expect((await (await evaluation(`?pilot=${PINGGIR}`)).json()).groups).toEqual([
      { group: 'PILOT', ...PINGGIR_FIGURES },
      { group: 'OTHERS', ...MANDAU_FIGURES },
    ]);
  });

  it('takes the programme’s own pilot list when none is named', async () => {
    const whole = await (await evaluation()).json();
    expect(whole.pilotRegionCodes).toEqual([MANDAU, PINGGIR]);
    expect(whole.pilotRegions.map((region: { name: string }) => region.name)).toEqual(['Kec. Mandau', 'Kec. Pinggir']);
    expect(whole.groups[0]).toMatchObject({
      group: 'PILOT',
      submitted: 5,
      approved: 3,
      funded: 3,
      committed: 285_000_000,
      released: 95_000_000,
      ceiling: 300_000_000,
    });
    expect(whole.groups[1]).toMatchObject({ group: 'OTHERS', submitted: 0, funded: 0, committed: 0, releasedOfCommittedBp: 0 });
  });

  it('gives the same figures as CSV an analyst can attach to a report, to regency officials only', async () => {
    const response = await evaluation(`/csv?pilot=${MANDAU}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect((await response.text()).split('\r\n')).toEqual([
      'program,tahun_anggaran,kelompok,usulan_diajukan,usulan_disetujui,usulan_dikembalikan,usulan_ditolak,usulan_didanai,menunggu_pagu,pagu_rp,dikomitmenkan_rp,dicairkan_rp,serapan_cair_per_komitmen_bp,serapan_komitmen_per_pagu_bp,rata_rata_progres_fisik_persen,selesai,selesai_tepat_waktu,tahap_terlambat,tahap_dieskalasi,' +
        'tahap_lurah_diputus,tahap_lurah_median_hari_kerja,tahap_lurah_p90_hari_kerja,tahap_lurah_terlambat,tahap_lurah_dieskalasi,' +
        'tahap_camat_diputus,tahap_camat_median_hari_kerja,tahap_camat_p90_hari_kerja,tahap_camat_terlambat,tahap_camat_dieskalasi',
      `${PROGRAMME},${DEMO_FISCAL_YEAR},pilot,3,2,0,1,2,0,200000000,190000000,47500000,2500,9500,30,0,0,3,2,3,2,4,1,1,2,3.2,6,2,1`,
      `${PROGRAMME},${DEMO_FISCAL_YEAR},lainnya,2,1,1,0,1,0,100000000,95000000,47500000,5000,9500,0,0,0,0,0,2,1,3,0,0,1,0.5,0.5,0,0`,
      '',
    ]);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="evaluasi-${PROGRAMME}.csv"`);
    for (const who of ['bkm', 'lurah']) expect((await evaluation('', tokens[who])).status).toBe(403);
    expect((await evaluation('?pilot=Mandau')).status).toBe(400);
  });

  it('gives the same figures as a spreadsheet: worded headers, rupiah as numbers, shares as percentages, the pilot in its Keterangan', async () => {
    const response = await evaluation(`/xlsx?pilot=${MANDAU}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="evaluasi-${PROGRAMME}.xlsx"`);
    const [figures, about] = await spreadsheetSheets(Buffer.from(await response.arrayBuffer()));
    expect(figures.sheet).toBe('Evaluasi pilot');
    expect(figures.header.slice(0, 3)).toEqual(['Program', 'Tahun anggaran', 'Kelompok']);
    expect(figures.header).toContain('Camat: median (hari kerja)');
    // The CSV's figures, a line per group: rupiah and counts as numbers, basis points as the share they are.
    expect(
      figures.records.map((r) => [
        r.Kelompok,
        r['Usulan diajukan'],
        r['Dicairkan (Rp)'],
        r['Serapan: cair / komitmen'],
        r['Camat: median (hari kerja)'],
      ]),
    ).toEqual([
      ['pilot', 3, 47_500_000, 0.25, 3.2],
      ['lainnya', 2, 47_500_000, 0.5, 0.5],
    ]);
    const told = Object.fromEntries([about.header, ...about.records.map((r) => Object.values(r))]);
    expect(told).toMatchObject({
      Berkas: 'Evaluasi pilot',
      Saringan: `Program: ${PROGRAMME}; Tahun anggaran: ${DEMO_FISCAL_YEAR}; Wilayah pilot: Mandau (${MANDAU})`,
    });
    expect((await evaluation('/xlsx', tokens.bkm)).status).toBe(403);
  });

  it('gives the same figures as a PDF to attach to a report, with the pilot named and the stages in working days', async () => {
    const response = await evaluation(`/pdf?pilot=${MANDAU}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="evaluasi-${PROGRAMME}.pdf"`);
    const text = await pdfText(Buffer.from(await response.arrayBuffer()));
    expect(text).toContain(`Evaluasi pilot ${PROGRAMME} — tahun anggaran ${DEMO_FISCAL_YEAR}`);
    expect(text).toContain(`Wilayah pilot: Kec. Mandau (${MANDAU})`);
    expect(text).toMatch(/Usulan diajukan\s+3\s+2/);
    expect(text).toMatch(/Dicairkan\s+Rp 47\.500\.000\s+Rp 47\.500\.000/);
    expect(text).toMatch(/Serapan: cair \/ komitmen\s+25%\s+50%/);
    expect(text).toMatch(/Tahap dieskalasi\s+2\s+0/);
    expect(text).toMatch(/Lurah\/Kepala Desa: median\s+2\s+1/);
    expect(text).toMatch(/Lurah\/Kepala Desa: p90\s+4\s+3/);
    expect(text).toMatch(/Camat: median\s+3,2\s+0,5/);
    expect((await evaluation('/pdf', tokens.bkm)).status).toBe(403);
  });

  it('compares with the programme family’s previous year, same regions, and refuses a code without its year', async () => {
    // EVAL-<next year> is this family's next year, with nothing submitted yet: its previous year is the data set above.
    const next = DEMO_FISCAL_YEAR + 1;
    const programme = {
      ...structuredClone(DEMO_PROGRAMMES.find((p) => p.code === DEMO_KOTAKU)!),
      code: `EVAL-${next}`,
      fiscalYear: next,
      eligibleRegions: { scope: 'LIST', regionCodes: [MANDAU] },
      approvalChain: TWO_STAGE_CHAIN,
    };
    expect((await gateway.call('POST', '/api/v1/programmes', { token: tokens.admin, body: programme })).status).toBe(201);
    expect((await gateway.call('POST', `/api/v1/programmes/EVAL-${next}/versions/1/publish`, { token: tokens.admin })).status).toBe(200);
    const compared = await expectEventually(async () => {
      const response = await gateway.call('GET', `/api/v1/evaluations/EVAL-${next}/${next}?compareWith=previous-year`, {
        token: tokens.bappeda,
      });
      expect(response.status).toBe(200);
      return response.json();
    });
    expect(compared.pilotRegionCodes).toEqual([MANDAU]);
    expect(compared.groups[0]).toMatchObject({ group: 'PILOT', submitted: 0, funded: 0, stages: [], overdueStages: 0 });
    expect(compared.previousYear).toEqual({
      programCode: PROGRAMME,
      fiscalYear: DEMO_FISCAL_YEAR,
      pilotRegionCodes: [MANDAU],
      pilotRegions: [{ code: MANDAU, name: 'Kec. Mandau' }],
      groups: [
        { group: 'PILOT', ...MANDAU_FIGURES },
        { group: 'OTHERS', ...PINGGIR_FIGURES },
      ],
    });
    const csv = await gateway.call('GET', `/api/v1/evaluations/EVAL-${next}/${next}/csv?compareWith=previous-year`, {
      token: tokens.bappeda,
    });
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="evaluasi-EVAL-${next}-banding-${DEMO_FISCAL_YEAR}.csv"`);
    expect((await csv.text()).split('\r\n').map((line) => line.split(',').slice(0, 3).join(','))).toEqual([
      'program,tahun_anggaran,kelompok',
      `EVAL-${next},${next},pilot`,
      `EVAL-${next},${next},lainnya`,
      `${PROGRAMME},${DEMO_FISCAL_YEAR},pilot`,
      `${PROGRAMME},${DEMO_FISCAL_YEAR},lainnya`,
      '',
    ]);
    expect((await evaluation('?compareWith=last-decade')).status).toBe(400);
    expect(
      (
        await gateway.call('GET', `/api/v1/evaluations/${PROGRAMME}-X/${DEMO_FISCAL_YEAR}?compareWith=previous-year`, {
          token: tokens.bappeda,
        })
      ).status,
    ).toBe(400);
  });

  it('names the programme on the public report by its latest version’s name, as the console does, and in its CSV', async () => {
    const publicReport = async () => {
      const response = await gateway.call('GET', `/api/v1/public/transparency?fiscalYear=${DEMO_FISCAL_YEAR}&pageSize=100`);
      expect(response.status).toBe(200);
      const report = await response.json();
      return report.districts.flatMap((d: any) => d.villages.flatMap((v: any) => v.items)).filter((i: any) => i.programCode === PROGRAMME);
    };
    const named = (items: any[]) => [...new Set(items.map((i) => i.programmeName))];
    expect(named(await publicReport())).toEqual([DEMO_PROGRAMMES.find((p) => p.code === DEMO_KOTAKU)!.name]);

    // Renamed in a second version (its rules unchanged): the proposals funded under the first read the new name.
    const renamed = { ...evaluatedProgramme(), name: 'Evaluasi Kota Tanpa Kumuh (nama baru)' };
    const draft = await gateway.call('POST', '/api/v1/programmes', { token: tokens.admin, body: renamed });
    expect(draft.status).toBe(201);
    const { version } = await draft.json();
    expect(version).toBe(2);
    expect((await gateway.call('POST', `/api/v1/programmes/${PROGRAMME}/versions/2/publish`, { token: tokens.admin })).status).toBe(200);
    const items = await expectEventually(async () => {
      const found = await publicReport();
      expect(named(found)).toEqual([renamed.name]);
      return found;
    });
    expect(items).toHaveLength(3);

    const csv = await gateway.call('GET', `/api/v1/public/transparency/csv?fiscalYear=${DEMO_FISCAL_YEAR}`);
    const lines = (await csv.text()).split('\r\n');
    expect(lines[0]).toContain(',judul_usulan,program,nama_program,tahun_anggaran,');
    expect(lines.filter((line) => line.includes(`,${PROGRAMME},${renamed.name},${DEMO_FISCAL_YEAR},`))).toHaveLength(3);

    // And in its spreadsheet, which anyone may download too: the same three, saying for no one whom it was made for.
    const xlsx = await gateway.call('GET', `/api/v1/public/transparency/xlsx?fiscalYear=${DEMO_FISCAL_YEAR}`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-disposition')).toBe('attachment; filename="transparansi.xlsx"');
    const [report, about] = await spreadsheetSheets(Buffer.from(await xlsx.arrayBuffer()));
    const ofProgramme = report.records.filter((r) => r.Program === PROGRAMME);
    expect(ofProgramme.map((r) => [r['Nama program'], r['Tahun anggaran']])).toEqual(Array(3).fill([renamed.name, DEMO_FISCAL_YEAR]));
    expect(ofProgramme.every((r) => typeof r['Disetujui (Rp)'] === 'number')).toBe(true);
    expect(about.records.map((r) => Object.values(r)[0])).not.toContain('Diunduh oleh');
  });
});
