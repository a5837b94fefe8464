import { randomUUID } from 'node:crypto';
import { TrancheReadyV1 } from '@alur/contracts';
import { createTestIsolation, expectEventually, removeTestResources } from '@alur/testing';
import { RunningGateway, startGateway } from '../gateway/gateway-harness';
import { BALIK_ALAM, kotakuDraft } from '../proposals/proposal-fixtures';
import { RunningProposals, startProposals } from '../proposals/proposals-harness';
import {
  approval,
  EventPublisher,
  ProposalApprovedV1,
  releaseByTwo,
  RunningDisbursements,
  startDisbursements,
} from './disbursements-harness';
import { DEMO_FISCAL_YEAR, DEMO_KOTAKU } from '../../apps/proposals/src/seed/demo-programmes';

describe('a proposal’s status and timeline follow its funding', () => {
  const isolation = createTestIsolation();
  let proposals: RunningProposals;
  let disbursements: RunningDisbursements;
  let gateway: RunningGateway;
  let events: EventPublisher;
  let bkm: string;
  let bpkad: string;
  let kuasaBud: string;
  let verifier: string;

  beforeAll(async () => {
    disbursements = await startDisbursements(isolation);
    // Seeds this year's KOTAKU and BK-DESA and announces them: the disbursements service learns them from the stream.
    proposals = await startProposals(isolation);
    gateway = await startGateway(isolation);
    events = await EventPublisher.open(isolation);
    bkm = await gateway.tokenOf(`bkm.${BALIK_ALAM}`);
    bpkad = await gateway.tokenOf('bpkad');
    kuasaBud = await gateway.tokenOf('bpkad.kuasa-bud');
    verifier = await gateway.tokenOf('verifikator.14.03.09');
  });
  afterAll(async () => {
    await events?.close();
    await gateway?.close();
    await disbursements?.close();
    await proposals?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('moves a proposal to FUNDING when its budget is committed and to COMPLETED at the end, with every step on its timeline', async () => {
    const created = await gateway.call('POST', '/api/v1/proposals', { token: bkm, body: kotakuDraft() });
    expect(created.status).toBe(201);
    const { id: proposalId, requestedAmount } = await created.json();
    expect(requestedAmount).toBe(95_000_000);
    expect((await gateway.call('POST', `/api/v1/proposals/${proposalId}/submit`, { token: bkm, body: {} })).status).toBe(200);

    // Stand-in for the approval chain (another service): the proposal is approved and the approval announced.
    await proposals.db.query(`UPDATE proposal SET status = 'APPROVED' WHERE id = $1`, [proposalId]);
    await events.publish(ProposalApprovedV1, proposalId, approval(DEMO_KOTAKU, BALIK_ALAM, requestedAmount, new Date(), { proposalId }));

    const proposal = async () => (await gateway.call('GET', `/api/v1/proposals/${proposalId}`, { token: bkm })).json();
    await expectEventually(async () => expect((await proposal()).status).toBe('FUNDING'));

    const disbursement = (await (await gateway.call('GET', `/api/v1/disbursements?proposalId=${proposalId}`, { token: bpkad })).json())
      .items[0];
    expect(disbursement.tranches.map((t: { amount: number }) => t.amount)).toEqual([38_000_000, 28_500_000, 28_500_000]);
    const release = async (n: number) => {
      const response = await releaseByTwo(gateway, { preparer: bpkad, authoriser: kuasaBud }, disbursement.id, n, {
        sp2dNumber: `0${n}/SP2D/LS/${DEMO_FISCAL_YEAR}`,
        releasedAt: new Date().toISOString(),
      });
      expect(response.status).toBe(200);
    };
    // KOTAKU asks for a photo with every report; the kecamatan's verifier accepts each one.
    const report = async (physicalProgressPercent: number, amountSpent: number) => {
      const response = await gateway.call('POST', `/api/v1/proposals/${proposalId}/progress-reports`, {
        token: bkm,
        body: {
          physicalProgressPercent,
          amountSpent,
          note: `Kemajuan ${physicalProgressPercent}%`,
          photos: [{ url: 'https://files.example.id/cor.jpg' }],
        },
      });
      expect(response.status).toBe(201);
      const verified = await gateway.call('POST', `/api/v1/progress-reports/${(await response.json()).report.id}/verification`, {
        token: verifier,
        body: { decision: 'ACCEPTED' },
      });
      expect(verified.status).toBe(200);
    };
    await release(1);
    await report(30, 36_000_000);
    await release(2);
    await report(70, 66_000_000);
    await release(3);
    await report(100, 95_000_000);

    const completed = await expectEventually(async () => {
      const view = await proposal();
      expect(view.status).toBe('COMPLETED');
      expect(view.timeline.filter((e: { kind: string }) => e.kind.startsWith('disbursement.'))).toHaveLength(14);
      return view;
    });
    const funding = completed.timeline.filter((e: { kind: string }) => e.kind.startsWith('disbursement.'));
    expect(funding.map((e: { kind: string }) => e.kind)).toEqual([
      'disbursement.budget-committed',
      'disbursement.tranche-ready',
      'disbursement.tranche-released',
      'disbursement.progress-reported',
      'disbursement.progress-accepted',
      'disbursement.tranche-ready',
      'disbursement.tranche-released',
      'disbursement.progress-reported',
      'disbursement.progress-accepted',
      'disbursement.tranche-ready',
      'disbursement.tranche-released',
      'disbursement.progress-reported',
      'disbursement.progress-accepted',
      'disbursement.completed',
    ]);
    expect(funding[0]).toMatchObject({ fromStatus: 'APPROVED', toStatus: 'FUNDING' });
    expect(funding[0].note).toBe(
      `Dana Rp 95.000.000 dialokasikan dari pagu Kec. Mandau tahun ${DEMO_FISCAL_YEAR}, dicairkan dalam 3 termin.`,
    );
    expect(funding[2].note).toBe(`Termin 1 dari 3 sebesar Rp 38.000.000 dicairkan dengan SP2D 01/SP2D/LS/${DEMO_FISCAL_YEAR}.`);
    expect(funding[2].actor).toMatchObject({ username: 'bpkad.kuasa-bud', role: 'BPKAD' });
    expect(funding[4].note).toBe('Laporan kemajuan fisik 30% diterima verifikator.');
    expect(funding[13]).toMatchObject({ fromStatus: 'FUNDING', toStatus: 'COMPLETED' });

    const audit = await proposals.audit.history('proposal', proposalId);
    expect(audit.filter((r) => r.action.startsWith('disbursement.')).map((r) => [r.fromStatus, r.toStatus])).toEqual([
      ['APPROVED', 'FUNDING'],
      ['FUNDING', 'COMPLETED'],
    ]);
  });

  it('takes a tranche event for a proposal it does not know as done, adding nothing, and goes on', async () => {
    const unknown = randomUUID();
    const tranche = { proposalId: unknown, disbursementId: randomUUID(), villageCode: BALIK_ALAM, trancheNumber: 1, trancheCount: 3 };
    await events.publish(TrancheReadyV1, unknown, { ...tranche, amount: 1_000_000 });
    await expectEventually(async () => {
      const [handled] = await proposals.db.query(`SELECT status FROM inbound_event WHERE aggregate_key = $1`, [`proposal:${unknown}`]);
      expect(handled?.status).toBe('done');
    });
    expect(await proposals.db.query(`SELECT 1 FROM proposal_timeline_entry WHERE proposal_id = $1`, [unknown])).toEqual([]);
  });
});
