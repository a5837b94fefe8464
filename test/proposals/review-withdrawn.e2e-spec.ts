import { randomUUID } from 'node:crypto';
import { ReviewWithdrawnV1 } from '@alur/contracts';
import { createTestIsolation, expectEventually, removeTestResources } from '@alur/testing';
import { EventPublisher } from '../disbursements/disbursements-harness';
import { DEMO_KOTAKU } from '../../apps/proposals/src/seed/demo-programmes';
import { RunningGateway, startGateway } from '../gateway/gateway-harness';
import { BALIK_ALAM, kotakuDraft } from './proposal-fixtures';
import { RunningProposals, startProposals } from './proposals-harness';

interface TimelineEntry {
  kind: string;
  toStatus: string | null;
  note: string | null;
}

/**
 * The gateway withdraws a proposal under review in two steps: the approvals service ends the review, then the
 * proposals service withdraws the proposal. The approvals service's announcement can come first: it was quicker
 * than the gateway's second step, or the gateway never took it.
 */
describe('a withdrawal the approvals service announced before the proposals service was asked', () => {
  const isolation = createTestIsolation();
  let proposals: RunningProposals;
  let gateway: RunningGateway;
  let events: EventPublisher;
  let bkm: string;

  beforeAll(async () => {
    proposals = await startProposals(isolation);
    gateway = await startGateway(isolation);
    events = await EventPublisher.open(isolation);
    bkm = await gateway.tokenOf(`bkm.${BALIK_ALAM}`);
  });

  afterAll(async () => {
    await events?.close();
    await gateway?.close();
    await proposals?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('withdraws the proposal and its history says both that it was withdrawn and that the waiting stage was cancelled', async () => {
    const created = await gateway.call('POST', '/api/v1/proposals', {
      token: bkm,
      body: kotakuDraft(BALIK_ALAM, { title: 'Pos ronda RT 07' }),
    });
    const { id } = await created.json();
    expect((await gateway.call('POST', `/api/v1/proposals/${id}/submit`, { token: bkm, body: {} })).status).toBe(200);
    const reason = 'Lokasi sudah dibiayai dana desa tahun ini.';

    await events.publish(ReviewWithdrawnV1, id, {
      proposalId: id,
      submissionNumber: 1,
      villageCode: BALIK_ALAM,
      cancelledStage: {
        stageId: randomUUID(),
        proposalId: id,
        submissionNumber: 1,
        stageOrder: 1,
        stageCount: 5,
        role: 'LURAH',
        regionLevel: 'village',
        regionCode: BALIK_ALAM,
        villageCode: BALIK_ALAM,
        programCode: DEMO_KOTAKU,
        title: 'Pos ronda RT 07',
      },
      reason,
      withdrawnAt: new Date().toISOString(),
    });

    const withdrawn = await expectEventually(async () => {
      const view = await (await gateway.call('GET', `/api/v1/proposals/${id}`, { token: bkm })).json();
      expect(view.status).toBe('WITHDRAWN');
      return view;
    });
    const timeline: TimelineEntry[] = withdrawn.timeline;
    expect(timeline.filter((e) => e.kind === 'proposal.withdrawn')).toEqual([
      expect.objectContaining({ toStatus: 'WITHDRAWN', note: reason }),
    ]);
    expect(timeline.filter((e) => e.kind === 'approval.review-withdrawn')).toEqual([expect.objectContaining({ note: reason })]);
  });
});
