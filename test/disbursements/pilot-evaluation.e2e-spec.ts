import { randomUUID } from 'node:crypto';
import { RegionDirectory } from '@alur/regions';
import { createTestIsolation, removeTestResources } from '@alur/testing';
import { RunningGateway, startGateway } from '../gateway/gateway-harness';
import {
  approval,
  EventPublisher,
  fundedDisbursements,
  programme,
  ProgrammePublishedV1,
  ProposalApprovedV1,
  RunningDisbursements,
  startDisbursements,
} from './disbursements-harness';

const MANDAU = '14.03.09';
const PINGGIR = '14.03.13';
const BALIK_ALAM = '14.03.09.1004';
const AIR_JAMBA = '14.03.09.1001';
const PINGGIR_VILLAGE = RegionDirectory.shared().villagesOf(PINGGIR)[0].code;
const PROGRAMME = 'EVAL-T';

/**
 * The data set, by hand: a Rp 100,000,000 pagu per village, tranches 50/50, Mandau the pilot.
 * Mandau: Balik Alam Rp 60,000,000 (tranche 1 of Rp 30,000,000 released, 60% verified) and
 * Air Jamba Rp 40,000,000 (nothing released, no report) — 2 funded, pagu 200,000,000, committed
 * 100,000,000, released 30,000,000: 3000 bp of committed, 5000 bp of pagu, progress (60 + 0) / 2 = 30%.
 * Pinggir: one village Rp 50,000,000, tranche 1 of Rp 25,000,000 released — 1 funded, pagu
 * 100,000,000: 5000 bp and 5000 bp, progress 0%.
 */
describe('the pilot evaluation: a programme’s pilot regions against the others', () => {
  const isolation = createTestIsolation();
  let disbursements: RunningDisbursements;
  let gateway: RunningGateway;
  let events: EventPublisher;
  const tokens: Record<string, string> = {};
  const balikAlam = randomUUID();
  const airJamba = randomUUID();
  const pinggir = randomUUID();

  let disbursementIds: Record<string, string>;
  const releaseFirstTranche = async (proposalId: string) => {
    const response = await gateway.call('POST', `/api/v1/disbursements/${disbursementIds[proposalId]}/tranches/1/release`, {
      token: tokens.bpkad,
      body: { sp2dNumber: `SP2D-E-${proposalId.slice(0, 8)}`, releasedAt: new Date().toISOString() },
      headers: { 'Idempotency-Key': randomUUID() },
    });
    expect(response.status).toBe(200);
  };

  beforeAll(async () => {
    disbursements = await startDisbursements(isolation);
    gateway = await startGateway(isolation);
    events = await EventPublisher.open(isolation);
    for (const [name, username] of Object.entries({ bpkad: 'bpkad', bappeda: 'dinas', bkm: `bkm.${BALIK_ALAM}`, lurah: `lurah.${BALIK_ALAM}`, verifier: 'verifikator' })) {
      tokens[name] = await gateway.tokenOf(username);
    }
    await events.publish(ProgrammePublishedV1, PROGRAMME, {
      ...programme(PROGRAMME, {
        tranchePlan: [
          { shareBp: 5000, unlockProgressPercent: 0 },
          { shareBp: 5000, unlockProgressPercent: 50 },
        ],
        ceiling: { regionLevel: 'village', amount: 100_000_000 },
      }),
      eligibleRegions: { scope: 'LIST', regionCodes: [MANDAU, PINGGIR] },
    });
    await events.publish(ProposalApprovedV1, balikAlam, approval(PROGRAMME, BALIK_ALAM, 60_000_000, new Date(), { proposalId: balikAlam }));
    await events.publish(ProposalApprovedV1, airJamba, approval(PROGRAMME, AIR_JAMBA, 40_000_000, new Date(), { proposalId: airJamba }));
    await events.publish(ProposalApprovedV1, pinggir, approval(PROGRAMME, PINGGIR_VILLAGE, 50_000_000, new Date(), { proposalId: pinggir }));
    disbursementIds = await fundedDisbursements(gateway, tokens.bpkad, [balikAlam, airJamba, pinggir]);
    await releaseFirstTranche(balikAlam);
    await releaseFirstTranche(pinggir);
    const reported = await gateway.call('POST', `/api/v1/proposals/${balikAlam}/progress-reports`, {
      token: tokens.bkm,
      body: { physicalProgressPercent: 60, amountSpent: 20_000_000, note: 'Pengecoran 60%' },
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
    await disbursements?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  const MANDAU_FIGURES = {
    funded: 2,
    awaitingBudget: 0,
    ceiling: 200_000_000,
    committed: 100_000_000,
    released: 30_000_000,
    releasedOfCommittedBp: 3000,
    committedOfCeilingBp: 5000,
    averageProgressPercent: 30,
    completed: 0,
    completedOnTime: 0,
  };
  const PINGGIR_FIGURES = {
    funded: 1,
    awaitingBudget: 0,
    ceiling: 100_000_000,
    committed: 50_000_000,
    released: 25_000_000,
    releasedOfCommittedBp: 5000,
    committedOfCeilingBp: 5000,
    averageProgressPercent: 0,
    completed: 0,
    completedOnTime: 0,
  };

  it('compares the pilot kecamatan named by the analyst with the rest, figures as computed by hand', async () => {
    const response = await gateway.call('GET', `/api/v1/evaluations/${PROGRAMME}/2026?pilot=${MANDAU}`, { token: tokens.bappeda });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      programCode: PROGRAMME,
      fiscalYear: 2026,
      pilotRegionCodes: [MANDAU],
      groups: [
        { group: 'PILOT', ...MANDAU_FIGURES },
        { group: 'OTHERS', ...PINGGIR_FIGURES },
      ],
    });
    const flipped = await (await gateway.call('GET', `/api/v1/evaluations/${PROGRAMME}/2026?pilot=${PINGGIR}`, { token: tokens.bappeda })).json();
    expect(flipped.groups).toEqual([
      { group: 'PILOT', ...PINGGIR_FIGURES },
      { group: 'OTHERS', ...MANDAU_FIGURES },
    ]);
  });

  it('takes the programme’s own pilot list when none is named', async () => {
    const evaluation = await (await gateway.call('GET', `/api/v1/evaluations/${PROGRAMME}/2026`, { token: tokens.bappeda })).json();
    expect(evaluation.pilotRegionCodes).toEqual([MANDAU, PINGGIR]);
    expect(evaluation.groups[0]).toMatchObject({ group: 'PILOT', funded: 3, committed: 150_000_000, released: 55_000_000, ceiling: 300_000_000 });
    expect(evaluation.groups[1]).toMatchObject({ group: 'OTHERS', funded: 0, committed: 0, releasedOfCommittedBp: 0 });
  });

  it('gives the same figures as CSV an analyst can attach to a report, to regency officials only', async () => {
    const response = await gateway.call('GET', `/api/v1/evaluations/${PROGRAMME}/2026/csv?pilot=${MANDAU}`, { token: tokens.bappeda });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect((await response.text()).split('\r\n')).toEqual([
      'program,tahun_anggaran,kelompok,usulan_didanai,menunggu_pagu,pagu_rp,dikomitmenkan_rp,dicairkan_rp,serapan_cair_per_komitmen_bp,serapan_komitmen_per_pagu_bp,rata_rata_progres_fisik_persen,selesai,selesai_tepat_waktu',
      `${PROGRAMME},2026,pilot,2,0,200000000,100000000,30000000,3000,5000,30,0,0`,
      `${PROGRAMME},2026,lainnya,1,0,100000000,50000000,25000000,5000,5000,0,0,0`,
      '',
    ]);
    for (const who of ['bkm', 'lurah']) {
      expect((await gateway.call('GET', `/api/v1/evaluations/${PROGRAMME}/2026`, { token: tokens[who] })).status).toBe(403);
    }
    const bad = await gateway.call('GET', `/api/v1/evaluations/${PROGRAMME}/2026?pilot=Mandau`, { token: tokens.bappeda });
    expect(bad.status).toBe(400);
  });
});
