import { randomUUID } from 'node:crypto';
import { ApprovalStageRef, ProposalRejectedV1, ProposalReturnedV1 } from '@alur/contracts';
import { RegionDirectory } from '@alur/regions';
import { createTestIsolation, removeTestResources } from '@alur/testing';
import { DEMO_FISCAL_YEAR, DEMO_KOTAKU, DEMO_PROGRAMMES } from '../../apps/proposals/src/seed/demo-programmes';
import { RunningGateway, startGateway } from '../gateway/gateway-harness';
import { kotakuDraft } from '../proposals/proposal-fixtures';
import { RunningProposals, startProposals } from '../proposals/proposals-harness';
import {
  approval,
  EventPublisher,
  fundedDisbursements,
  ProposalApprovedV1,
  releaseByTwo,
  RunningDisbursements,
  startDisbursements,
} from './disbursements-harness';

const MANDAU = '14.03.09';
const PINGGIR = '14.03.13';
const BALIK_ALAM = '14.03.09.1004';
const AIR_JAMBA = '14.03.09.1001';
const MANDAU_THIRD = RegionDirectory.shared().villagesOf(MANDAU).find((v) => v.code !== BALIK_ALAM && v.code !== AIR_JAMBA)!.code;
const [PINGGIR_FIRST, PINGGIR_SECOND] = RegionDirectory.shared().villagesOf(PINGGIR).map((v) => v.code);
const PROGRAMME = `EVAL-${DEMO_FISCAL_YEAR}`;
/** kotakuDraft: a budget of Rp 100,000,000 of which Rp 5,000,000 swadaya, so Rp 95,000,000 requested. */
const REQUESTED = 95_000_000;

/**
 * The data set, by hand: a Rp 100,000,000 pagu per village, tranches 50/50, Mandau the pilot.
 * Mandau: Balik Alam approved (tranche 1 of Rp 47,500,000 released, 60% verified), Air Jamba approved
 * (nothing released), a third village rejected — 3 submitted, 2 approved, 1 rejected; 2 funded,
 * pagu 200,000,000, committed 190,000,000, released 47,500,000: 2500 bp of committed, 9500 bp of
 * pagu, progress (60 + 0) / 2 = 30%.
 * Pinggir: one village approved (tranche 1 released), one returned — 2 submitted, 1 approved,
 * 1 returned; 1 funded, pagu 100,000,000, committed 95,000,000: 5000 bp and 9500 bp, progress 0%.
 */
describe('the pilot evaluation: a programme’s pilot regions against the others', () => {
  const isolation = createTestIsolation();
  let disbursements: RunningDisbursements;
  let proposals: RunningProposals;
  let gateway: RunningGateway;
  let events: EventPublisher;
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
  const stageOf = (proposalId: string, villageCode: string): ApprovalStageRef => ({
    stageId: randomUUID(),
    proposalId,
    submissionNumber: 1,
    stageOrder: 1,
    stageCount: 1,
    role: 'LURAH',
    regionLevel: 'village',
    regionCode: villageCode,
    villageCode,
    programCode: PROGRAMME,
    title: 'Semenisasi Jalan Gang Damai',
  });
  const releaseFirstTranche = async (proposalId: string) => {
    const response = await releaseByTwo(gateway, { preparer: tokens.bpkad, authoriser: tokens.kuasaBud }, disbursementIds[proposalId], 1, {
      sp2dNumber: `SP2D-E-${proposalId.slice(0, 8)}`,
      releasedAt: new Date().toISOString(),
    });
    expect(response.status).toBe(200);
  };

  beforeAll(async () => {
    disbursements = await startDisbursements(isolation);
    proposals = await startProposals(isolation);
    gateway = await startGateway(isolation);
    events = await EventPublisher.open(isolation);
    for (const [name, username] of Object.entries({ admin: 'admin', bpkad: 'bpkad', kuasaBud: 'bpkad.kuasa-bud', bappeda: 'dinas', bkm: `bkm.${BALIK_ALAM}`, lurah: `lurah.${BALIK_ALAM}`, verifier: 'verifikator' })) {
      tokens[name] = await gateway.tokenOf(username);
    }
    const programme = {
      ...structuredClone(DEMO_PROGRAMMES.find((p) => p.code === DEMO_KOTAKU)!),
      code: PROGRAMME,
      eligibleRegions: { scope: 'LIST', regionCodes: [MANDAU, PINGGIR] },
      tranchePlan: [
        { shareBp: 5000, unlockProgressPercent: 0 },
        { shareBp: 5000, unlockProgressPercent: 50 },
      ],
      budgetCeiling: { regionLevel: 'village', amount: 100_000_000 },
      progressPhotosRequired: false,
    };
    expect((await gateway.call('POST', '/api/v1/programmes', { token: tokens.admin, body: programme })).status).toBe(201);
    expect((await gateway.call('POST', `/api/v1/programmes/${PROGRAMME}/versions/1/publish`, { token: tokens.admin })).status).toBe(200);

    for (const village of [BALIK_ALAM, AIR_JAMBA, MANDAU_THIRD, PINGGIR_FIRST, PINGGIR_SECOND]) ids[village] = await submitted(village);
    // Stand-in for the approvals service: its outcomes, announced.
    for (const village of [BALIK_ALAM, AIR_JAMBA, PINGGIR_FIRST]) {
      await events.publish(ProposalApprovedV1, ids[village], approval(PROGRAMME, village, REQUESTED, new Date(), { proposalId: ids[village] }));
    }
    await events.publish(ProposalRejectedV1, ids[MANDAU_THIRD], { ...stageOf(ids[MANDAU_THIRD], MANDAU_THIRD), reason: 'Di luar RPLP', rejectedAt: new Date().toISOString() });
    await events.publish(ProposalReturnedV1, ids[PINGGIR_SECOND], { ...stageOf(ids[PINGGIR_SECOND], PINGGIR_SECOND), note: 'Lengkapi RAB', returnedAt: new Date().toISOString() });

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
    await events?.close();
    await gateway?.close();
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
  };
  const evaluation = (query = '', token = tokens.bappeda) => gateway.call('GET', `/api/v1/evaluations/${PROGRAMME}/${DEMO_FISCAL_YEAR}${query}`, { token });

  it('compares the pilot kecamatan named by the analyst with the rest, figures as computed by hand', async () => {
    const response = await evaluation(`?pilot=${MANDAU}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      programCode: PROGRAMME,
      fiscalYear: DEMO_FISCAL_YEAR,
      pilotRegionCodes: [MANDAU],
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
    expect(whole.groups[0]).toMatchObject({ group: 'PILOT', submitted: 5, approved: 3, funded: 3, committed: 285_000_000, released: 95_000_000, ceiling: 300_000_000 });
    expect(whole.groups[1]).toMatchObject({ group: 'OTHERS', submitted: 0, funded: 0, committed: 0, releasedOfCommittedBp: 0 });
  });

  it('gives the same figures as CSV an analyst can attach to a report, to regency officials only', async () => {
    const response = await evaluation(`/csv?pilot=${MANDAU}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect((await response.text()).split('\r\n')).toEqual([
      'program,tahun_anggaran,kelompok,usulan_diajukan,usulan_disetujui,usulan_dikembalikan,usulan_ditolak,usulan_didanai,menunggu_pagu,pagu_rp,dikomitmenkan_rp,dicairkan_rp,serapan_cair_per_komitmen_bp,serapan_komitmen_per_pagu_bp,rata_rata_progres_fisik_persen,selesai,selesai_tepat_waktu',
      `${PROGRAMME},${DEMO_FISCAL_YEAR},pilot,3,2,0,1,2,0,200000000,190000000,47500000,2500,9500,30,0,0`,
      `${PROGRAMME},${DEMO_FISCAL_YEAR},lainnya,2,1,1,0,1,0,100000000,95000000,47500000,5000,9500,0,0,0`,
      '',
    ]);
    for (const who of ['bkm', 'lurah']) expect((await evaluation('', tokens[who])).status).toBe(403);
    expect((await evaluation('?pilot=Mandau')).status).toBe(400);
  });
});
