import { ApprovalStageEscalatedV1, ReviewWithdrawnV1 } from '@alur/contracts';
import { createTestIsolation, expectEventually, firstApprovalStage, removeTestResources } from '@alur/testing';
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
 * What the approvals service announces of a proposal, in the proposal's history as the BKM reads it. The
 * approvals service is not running: the test announces for it, in the order and at the moment it needs.
 */
describe('the approvals service’s word in a proposal’s history', () => {
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

  const read = (id: string) => gateway.call('GET', `/api/v1/proposals/${id}`, { token: bkm });
  /**
   * A read as a browser revalidates the copy it keeps: with the copy's ETag, and without the `no-cache` that
   * Node's fetch adds to a request with a condition (the server would then answer in full whatever matched).
   */
  const revalidate = (id: string, etag: string) =>
    gateway.call('GET', `/api/v1/proposals/${id}`, { token: bkm, headers: { 'if-none-match': etag, 'cache-control': 'max-age=0' } });
  const submitted = async (title: string) => {
    const { id } = await (await gateway.call('POST', '/api/v1/proposals', { token: bkm, body: kotakuDraft(BALIK_ALAM, { title }) })).json();
    expect((await gateway.call('POST', `/api/v1/proposals/${id}/submit`, { token: bkm, body: {} })).status).toBe(200);
    return id as string;
  };
  const firstStage = (proposalId: string, title: string) =>
    firstApprovalStage({ proposalId, title, villageCode: BALIK_ALAM, programCode: DEMO_KOTAKU });

  // The gateway withdraws a proposal under review in two steps: the approvals service ends the review, then the
  // proposals service withdraws the proposal. The approvals service's word can come first: it was quicker than the
  // gateway's second step, or the gateway never took it.
  it('withdraws a proposal on the approvals service’s word that came first, and says both that it was withdrawn and that the waiting stage was cancelled', async () => {
    const id = await submitted('Pos ronda RT 07');
    const reason = 'Lokasi sudah dibiayai dana desa tahun ini.';
    await events.publish(ReviewWithdrawnV1, id, {
      proposalId: id,
      submissionNumber: 1,
      villageCode: BALIK_ALAM,
      cancelledStage: firstStage(id, 'Pos ronda RT 07'),
      reason,
      withdrawnAt: new Date().toISOString(),
    });

    const withdrawn = await expectEventually(async () => {
      const view = await (await read(id)).json();
      expect(view.status).toBe('WITHDRAWN');
      return view;
    });
    const timeline: TimelineEntry[] = withdrawn.timeline;
    expect(timeline.filter((e) => e.kind === 'proposal.withdrawn')).toEqual([
      expect.objectContaining({ toStatus: 'WITHDRAWN', note: reason }),
    ]);
    expect(timeline.filter((e) => e.kind === 'approval.review-withdrawn')).toEqual([expect.objectContaining({ note: reason })]);
  });

  it('shows a browser that revalidates its copy an overdue stage that changed no field, and answers 304 only when nothing changed', async () => {
    const id = await submitted('Drainase RT 02');
    const first = await read(id);
    const before = first.headers.get('etag')!;
    expect((await revalidate(id, before)).status).toBe(304);

    // The stage passed its deadline: a line in the history, no new version.
    const now = new Date().toISOString();
    await events.publish(ApprovalStageEscalatedV1, id, {
      ...firstStage(id, 'Drainase RT 02'),
      dueAt: now,
      escalatedAt: now,
      escalatedTo: null,
    });
    const revalidated = await expectEventually(async () => {
      const response = await revalidate(id, before);
      expect(response.status).toBe(200);
      return response;
    });
    const view = await revalidated.json();
    expect(view.version).toBe((await first.json()).version);
    expect(view.timeline.map((e: TimelineEntry) => e.kind)).toContain('approval.stage-overdue');
    expect((await revalidate(id, revalidated.headers.get('etag')!)).status).toBe(304);
  });

  it('takes a read’s ETag as If-Match for an edit', async () => {
    const { id } = await (await gateway.call('POST', '/api/v1/proposals', { token: bkm, body: kotakuDraft() })).json();
    const etag = (await read(id)).headers.get('etag')!;
    const edited = await gateway.call('PATCH', `/api/v1/proposals/${id}`, {
      token: bkm,
      body: { title: 'Semenisasi Jalan Gang Damai II' },
      headers: { 'if-match': etag },
    });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ version: 2, title: 'Semenisasi Jalan Gang Damai II' });
    // The same read again is stale now: 409, nothing changed.
    const stale = await gateway.call('PATCH', `/api/v1/proposals/${id}`, {
      token: bkm,
      body: { title: 'Lain' },
      headers: { 'if-match': etag },
    });
    expect(stale.status).toBe(409);
  });
});
