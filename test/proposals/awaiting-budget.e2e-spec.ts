import { createTestIsolation, expectEventually, removeTestResources } from '@alur/testing';
import {
  approval,
  EventPublisher,
  ProposalApprovedV1,
  RunningDisbursements,
  startDisbursements,
} from '../disbursements/disbursements-harness';
import { DEMO_FISCAL_YEAR, DEMO_KOTAKU } from '../../apps/proposals/src/seed/demo-programmes';
import { RunningGateway, startGateway } from '../gateway/gateway-harness';
import { BALIK_ALAM, MANDAU, kotakuDraft } from './proposal-fixtures';
import { RunningProposals, startProposals } from './proposals-harness';

interface TimelineEntry {
  at: string;
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
}

describe('a proposal that does not fit its ceiling shows that it waits for budget', () => {
  const isolation = createTestIsolation();
  let disbursements: RunningDisbursements;
  let proposals: RunningProposals;
  let gateway: RunningGateway;
  let events: EventPublisher;
  let bkm: string;
  let bpkad: string;
  let proposalId: string;

  const setCeiling = (amount: number) =>
    gateway.call('PUT', `/api/v1/budgets/${DEMO_KOTAKU}/${DEMO_FISCAL_YEAR}/${MANDAU}`, { token: bpkad, body: { amount } });
  const proposal = async () => (await gateway.call('GET', `/api/v1/proposals/${proposalId}`, { token: bkm })).json();

  beforeAll(async () => {
    disbursements = await startDisbursements(isolation);
    proposals = await startProposals(isolation);
    gateway = await startGateway(isolation);
    events = await EventPublisher.open(isolation);
    bkm = await gateway.tokenOf(`bkm.${BALIK_ALAM}`);
    bpkad = await gateway.tokenOf('bpkad');
    // Mandau's KOTAKU pagu is Rp 50,000,000: the Rp 95,000,000 proposal does not fit.
    await expectEventually(async () => expect((await setCeiling(50_000_000)).status).toBe(200));
    const created = await gateway.call('POST', '/api/v1/proposals', { token: bkm, body: kotakuDraft() });
    proposalId = (await created.json()).id;
    expect((await gateway.call('POST', `/api/v1/proposals/${proposalId}/submit`, { token: bkm, body: {} })).status).toBe(200);
  });

  afterAll(async () => {
    await events?.close();
    await gateway?.close();
    await proposals?.close();
    await disbursements?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('shows AWAITING_BUDGET, with "disetujui" before "menunggu pagu" even when the approval is handled after the wait began', async () => {
    // The proposals service is down while the approval is decided and the disbursements service finds no room;
    // it hears both events afterwards, the approval last.
    await proposals.close();
    await events.publish(ProposalApprovedV1, proposalId, approval(DEMO_KOTAKU, BALIK_ALAM, 95_000_000, new Date(), { proposalId }));
    await expectEventually(async () => {
      const response = await gateway.call('GET', `/api/v1/disbursements?proposalId=${proposalId}`, { token: bpkad });
      expect((await response.json()).items[0]?.status).toBe('AWAITING_BUDGET');
    });
    proposals = await startProposals(isolation);

    const waiting = await expectEventually(async () => {
      const view = await proposal();
      expect(view.status).toBe('AWAITING_BUDGET');
      return view;
    });
    const timeline: TimelineEntry[] = waiting.timeline;
    const kinds = timeline.map((e) => e.kind);
    expect(kinds.indexOf('proposal.approved')).toBeGreaterThan(-1);
    expect(kinds.indexOf('proposal.approved')).toBeLessThan(kinds.indexOf('disbursement.awaiting-budget'));
    expect(timeline.find((e) => e.kind === 'disbursement.awaiting-budget')).toMatchObject({
      fromStatus: 'APPROVED',
      toStatus: 'AWAITING_BUDGET',
      note: 'Menunggu pagu: diminta Rp 95.000.000, sisa pagu Kec. Mandau Rp 50.000.000.',
    });
    expect(timeline.map((e) => e.at)).toEqual([...timeline.map((e) => e.at)].sort());

    const listed = await gateway.call('GET', '/api/v1/proposals?status=AWAITING_BUDGET', { token: bkm });
    expect(listed.status).toBe(200);
    expect((await listed.json()).items.map((p: { id: string }) => p.id)).toEqual([proposalId]);
  });

  it('moves on to FUNDING once the ceiling is raised', async () => {
    expect((await setCeiling(2_000_000_000)).status).toBe(200);
    // FUNDING comes with the commitment; the first tranche's readiness is another event, heard after it.
    const funded = await expectEventually(async () => {
      const view = await proposal();
      expect(view.status).toBe('FUNDING');
      expect(view.timeline.map((e: TimelineEntry) => e.kind)).toContain('disbursement.tranche-ready');
      return view;
    });
    const kinds = funded.timeline.map((e: TimelineEntry) => e.kind);
    expect(kinds.slice(kinds.indexOf('proposal.approved'))).toEqual([
      'proposal.approved',
      'disbursement.awaiting-budget',
      'disbursement.budget-committed',
      'disbursement.tranche-ready',
    ]);
    expect(funded.timeline.find((e: TimelineEntry) => e.kind === 'disbursement.budget-committed')).toMatchObject({
      fromStatus: 'AWAITING_BUDGET',
      toStatus: 'FUNDING',
    });
    const audit = await proposals.audit.history('proposal', proposalId);
    expect(audit.filter((r) => r.action.startsWith('disbursement.')).map((r) => [r.fromStatus, r.toStatus])).toEqual([
      ['APPROVED', 'AWAITING_BUDGET'],
      ['AWAITING_BUDGET', 'FUNDING'],
    ]);
  });
});
