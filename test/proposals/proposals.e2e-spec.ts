import { INestApplication } from '@nestjs/common';
import { createServiceApp } from '@alur/platform';
import { createTestIsolation, expectEventually, removeTestResources } from '@alur/testing';
import { ApprovalsModule } from '../../apps/approvals/src/approvals.module';
import { RunningGateway, startGateway } from '../gateway/gateway-harness';
import { streamMessages } from '../spine/spine-harness';
import { DEMO_BK_DESA, DEMO_KOTAKU } from '../../apps/proposals/src/seed/demo-programmes';
import { BALIK_ALAM, kotakuDraft, OUTSIDE_PILOT_VILLAGE } from './proposal-fixtures';
import { RunningProposals, startProposals } from './proposals-harness';

describe('proposals through the gateway', () => {
  const isolation = createTestIsolation();
  let proposals: RunningProposals;
  // A withdrawal under review is decided by the approvals service, so it runs here too.
  let approvals: INestApplication;
  let gateway: RunningGateway;
  let bkm: string;

  beforeAll(async () => {
    proposals = await startProposals(isolation);
    approvals = await createServiceApp(ApprovalsModule.forRoot({ ...isolation.env, APPROVALS_PORT: '0' }), 'approvals', { rpc: true });
    gateway = await startGateway(isolation);
    bkm = await gateway.tokenOf(`bkm.${BALIK_ALAM}`);
  });
  afterAll(async () => {
    await gateway?.close();
    await approvals?.close();
    await proposals?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  const create = async (body: unknown, token = bkm) => gateway.call('POST', '/api/v1/proposals', { token, body });
  const errorsOf = async (response: Awaited<ReturnType<typeof create>>) => {
    const body = await response.json();
    return [response.status, body.errors?.map((e: { field: string }) => e.field)];
  };

  it('drafts, edits and submits a proposal, computing the money itself, and announces it on the stream', async () => {
    const created = await create({ ...kotakuDraft(), budgetItems: kotakuDraft().budgetItems.slice(0, 2) });
    expect(created.status).toBe(201);
    const draft = await created.json();
    expect(draft).toMatchObject({
      status: 'DRAFT',
      version: 1,
      programCode: DEMO_KOTAKU,
      programVersion: 1,
      villageCode: BALIK_ALAM,
      districtCode: '14.03.09',
      regencyCode: '14.03',
      budgetTotal: 40_000_000 + 48_200_000,
      requestedAmount: 88_200_000 - 5_000_000,
      submissionNumber: 0,
      currentStage: null,
    });
    expect(draft.budgetItems[1]).toEqual({ description: 'Pasir', quantity: 120.5, unit: 'm3', unitPrice: 400_000, amount: 48_200_000 });

    const edited = await gateway.call('PATCH', `/api/v1/proposals/${draft.id}`, {
      token: bkm,
      body: { budgetItems: kotakuDraft().budgetItems },
      headers: { 'if-match': '"1"' },
    });
    expect(edited.status).toBe(200);
    expect(edited.headers.get('etag')).toBe('"2"');
    expect(await edited.json()).toMatchObject({ version: 2, budgetTotal: 100_000_000, requestedAmount: 95_000_000, selfHelpShareBp: 500 });

    const submitted = await gateway.call('POST', `/api/v1/proposals/${draft.id}/submit`, { token: bkm, body: {} });
    expect(submitted.status).toBe(200);
    expect(await submitted.json()).toMatchObject({ status: 'SUBMITTED', submissionNumber: 1, version: 3 });

    // The approvals service runs here too: by the time the BKM looks, it may have opened the first stage.
    const shown = await gateway.call('GET', `/api/v1/proposals/${draft.id}`, { token: bkm });
    const detail = await shown.json();
    expect(shown.headers.get('etag')).toBe(`"${detail.version}.${detail.timeline.length}"`);
    const inReview = detail.timeline.length > 3;
    expect(detail).toMatchObject(
      inReview
        ? { version: 4, status: 'IN_REVIEW', currentStage: { order: 1, role: 'LURAH', regionCode: BALIK_ALAM } }
        : { version: 3, status: 'SUBMITTED', currentStage: null },
    );
    expect(detail.timeline.map((e: { kind: string; toStatus: string | null }) => [e.kind, e.toStatus])).toEqual([
      ['proposal.created', 'DRAFT'],
      ['proposal.updated', null],
      ['proposal.submitted', 'SUBMITTED'],
      ...(inReview ? [['approval.stage-opened', 'IN_REVIEW']] : []),
    ]);
    expect(detail.timeline[2].actor).toMatchObject({ username: `bkm.${BALIK_ALAM}`, role: 'BKM' });

    const event = await expectEventually(async () => {
      const found = (await streamMessages(isolation)).find(
        (m) => m.subject === `${isolation.env.NATS_SUBJECT_PREFIX}.proposals.proposal-submitted.v1` && m.data.aggregateId === draft.id,
      );
      expect(found).toBeDefined();
      return found!.data;
    });
    expect(event.actor).toMatchObject({ username: `bkm.${BALIK_ALAM}` });
    expect(event.payload).toMatchObject({
      proposalId: draft.id,
      programCode: DEMO_KOTAKU,
      programVersion: 1,
      villageCode: BALIK_ALAM,
      districtCode: '14.03.09',
      regencyCode: '14.03',
      category: 'INFRASTRUCTURE',
      budgetTotal: 100_000_000,
      selfHelpAmount: 5_000_000,
      requestedAmount: 95_000_000,
      submissionNumber: 1,
      reminderSchedule: { beforeDueWorkingDays: 1, afterDueWorkingDays: 1 },
    });
    expect(event.payload.approvalChain.map((s: { role: string }) => s.role)).toEqual(['LURAH', 'CAMAT', 'DINAS', 'SEKDA', 'BUPATI']);

    // Submitted: no more edits or submissions (409), but the BKM may still withdraw it.
    const again = await gateway.call('POST', `/api/v1/proposals/${draft.id}/submit`, { token: bkm, body: {} });
    expect(again.status).toBe(409);
    const late = await gateway.call('PATCH', `/api/v1/proposals/${draft.id}`, { token: bkm, body: { title: 'Lain', version: 3 } });
    expect(late.status).toBe(409);
    const withdrawn = await gateway.call('POST', `/api/v1/proposals/${draft.id}/withdraw`, {
      token: bkm,
      body: { reason: 'Didanai APBDes' },
    });
    expect(withdrawn.status).toBe(200);
    expect((await withdrawn.json()).status).toBe('WITHDRAWN');
    await expectEventually(async () => {
      const subjects = (await streamMessages(isolation))
        .filter((m) => m.data.aggregateId === draft.id)
        .map((m) => m.subject.split('.').slice(1).join('.'));
      expect(subjects.filter((s) => s.startsWith('proposals.'))).toEqual([
        'proposals.proposal-submitted.v1',
        'proposals.proposal-withdrawn.v1',
      ]);
    });
  });

  it('announces each seeded programme version with its whole definition', async () => {
    await expectEventually(async () => {
      const published = (await streamMessages(isolation)).filter((m) => m.subject.endsWith('.proposals.programme-published.v1'));
      expect(published.map((m) => m.data.aggregateId).sort()).toEqual([DEMO_BK_DESA, DEMO_KOTAKU]);
      const bkDesa = published.find((m) => m.data.aggregateId === DEMO_BK_DESA)!.data.payload;
      expect(bkDesa).toMatchObject({
        version: 1,
        eligibleRegions: { scope: 'LIST', regionCodes: ['14.03.09', '14.03.13'] },
        maxRequestedAmount: 1_000_000_000,
        minSelfHelpShareBp: 0,
        tranchePlan: [
          { shareBp: 5000, unlockProgressPercent: 0 },
          { shareBp: 5000, unlockProgressPercent: 50 },
        ],
        budgetCeiling: { regionLevel: 'village', amount: 1_000_000_000 },
      });
    });
  });

  describe('each validation rule answers 400 naming the field', () => {
    it('refuses unknown fields, fractional rupiah and over-precise quantities at the gateway', async () => {
      expect(await errorsOf(await create({ ...kotakuDraft(), budgetTotal: 1 }))).toEqual([400, ['budgetTotal']]);
      const items = [{ description: 'Semen', quantity: 1.005, unit: 'sak', unitPrice: 80_000.5 }];
      expect(await errorsOf(await create({ ...kotakuDraft(), budgetItems: items }))).toEqual([
        400,
        ['budgetItems.0.quantity', 'budgetItems.0.unitPrice'],
      ]);
      const [status, fields] = await errorsOf(await create({ ...kotakuDraft(), category: 'HOUSING', villageCode: 'Balik Alam' }));
      expect([status, [...fields].sort()]).toEqual([400, ['category', 'villageCode']]);
    });

    it('refuses an unknown village or programme and a swadaya above the budget total', async () => {
      expect(await errorsOf(await create(kotakuDraft('14.03.09.1999')))).toEqual([400, ['villageCode']]);
      expect(await errorsOf(await create({ ...kotakuDraft(), programCode: 'NO-SUCH-2026' }))).toEqual([400, ['programCode']]);
      expect(await errorsOf(await create({ ...kotakuDraft(), selfHelpAmount: 100_000_001 }))).toEqual([400, ['selfHelpAmount']]);
    });

    const submitDraft = async (body: unknown, token = bkm) => {
      const created = await create(body, token);
      expect(created.status).toBe(201);
      const { id } = await created.json();
      return gateway.call('POST', `/api/v1/proposals/${id}/submit`, { token, body: {} });
    };

    it('refuses to submit without the required fields', async () => {
      const bare = { programCode: DEMO_KOTAKU, villageCode: BALIK_ALAM, title: 'Drainase' };
      expect(await errorsOf(await submitDraft(bare))).toEqual([
        400,
        ['description', 'executorGroup', 'category', 'beneficiaries', 'budgetItems', 'payeeAccount'],
      ]);
    });

    it('refuses a requested amount above the programme maximum', async () => {
      const body = kotakuDraft(BALIK_ALAM, {
        budgetItems: [{ description: 'Jalan beton', quantity: 1, unit: 'ls', unitPrice: 600_000_000 }],
        selfHelpAmount: 60_000_000,
      });
      const response = await submitDraft(body);
      expect(response.status).toBe(400);
      expect((await response.json()).errors).toEqual([
        {
          field: 'requestedAmount',
          reason: `Rp 540.000.000 exceeds the maximum of Rp 500.000.000 for ${DEMO_KOTAKU}`,
          code: 'REQUESTED_ABOVE_MAXIMUM',
        },
      ]);
    });

    it('refuses a swadaya share below the programme minimum', async () => {
      expect(await errorsOf(await submitDraft(kotakuDraft(BALIK_ALAM, { selfHelpAmount: 4_999_999 })))).toEqual([400, ['selfHelpAmount']]);
    });

    it('refuses a village outside a pilot programme’s kecamatan', async () => {
      const outsider = await gateway.tokenOf(`bkm.${OUTSIDE_PILOT_VILLAGE}`);
      const body = kotakuDraft(OUTSIDE_PILOT_VILLAGE, { programCode: DEMO_BK_DESA, selfHelpAmount: 0 });
      expect(await errorsOf(await submitDraft(body, outsider))).toEqual([400, ['villageCode']]);
    });

    it('refuses an edit that does not say which version it was made from', async () => {
      const { id } = await (await create(kotakuDraft())).json();
      expect(await errorsOf(await gateway.call('PATCH', `/api/v1/proposals/${id}`, { token: bkm, body: { title: 'Baru' } }))).toEqual([
        400,
        ['version'],
      ]);
    });
  });

  it('keeps the documents a BKM attaches (DED, RAB) and refuses what is not an uploaded document', async () => {
    const form = new FormData();
    form.append('file', new Blob([new TextEncoder().encode('%PDF-1.7\n%%EOF\n')], { type: 'application/pdf' }), 'DED.pdf');
    const uploaded = await fetch(`${gateway.url}/api/v1/uploads/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bkm}` },
      body: form,
    });
    const { url } = (await uploaded.json()) as { url: string };
    const documents = [{ url, name: 'DED jalan gang Damai', kind: 'DED' }];

    const created = await create({ ...kotakuDraft(), documents });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    expect((await (await gateway.call('GET', `/api/v1/proposals/${id}`, { token: bkm })).json()).documents).toEqual(documents);

    expect(
      await errorsOf(
        await create({ ...kotakuDraft(), documents: [{ url: 'https://elsewhere.example/ded.pdf', name: 'DED', kind: 'DED' }] }),
      ),
    ).toEqual([400, ['documents.0.url']]);
    expect(await errorsOf(await create({ ...kotakuDraft(), documents: [{ url, name: 'DED', kind: 'SURAT' }] }))).toEqual([
      400,
      ['documents.0.kind'],
    ]);
  });

  it('detects two concurrent edits of one draft: exactly one succeeds, the other gets 409', async () => {
    const { id } = await (await create(kotakuDraft())).json();
    const edit = (title: string) => gateway.call('PATCH', `/api/v1/proposals/${id}`, { token: bkm, body: { title, version: 1 } });
    const answers = await Promise.all([edit('Versi Ani'), edit('Versi Budi')]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = await answers.find((a) => a.status === 200)!.json();
    const shown = await (await gateway.call('GET', `/api/v1/proposals/${id}`, { token: bkm })).json();
    expect(shown).toMatchObject({ version: 2, title: winner.title });
  });

  it('lists the caller’s proposals with filters and pagination', async () => {
    const list = async (query: string) => (await gateway.call('GET', `/api/v1/proposals?${query}`, { token: bkm })).json();
    const all = await list('pageSize=100');
    expect(all.total).toBeGreaterThanOrEqual(5);
    expect(all.items.every((p: { villageCode: string }) => p.villageCode === BALIK_ALAM)).toBe(true);
    const paged = await list('pageSize=2&page=2');
    expect(paged).toMatchObject({ page: 2, pageSize: 2, total: all.total });
    expect(paged.items).toHaveLength(2);
    expect((await list('status=WITHDRAWN')).items.map((p: { status: string }) => p.status)).toEqual(['WITHDRAWN']);
    expect((await list('q=drainase')).items.map((p: { title: string }) => p.title)).toEqual(['Drainase']);
    expect((await list(`programCode=${DEMO_BK_DESA}`)).total).toBe(0);
    expect((await list('regionCode=14.03.13')).total).toBe(0);
    const bad = await gateway.call('GET', '/api/v1/proposals?pageSize=1000&status=LOST', { token: bkm });
    expect(await errorsOf(bad)).toEqual([400, ['status', 'pageSize']]);
  });

  it('keeps an audit chain of every change that verifies, and finds a tampered row', async () => {
    const trail = await proposals.audit.verifyChain();
    expect(trail).toMatchObject({ valid: true });
    const actions = (await proposals.db.query('SELECT DISTINCT action FROM audit_record')).map((r: { action: string }) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'programme.draft-created',
        'programme.published',
        'proposal.created',
        'proposal.updated',
        'proposal.submitted',
        'proposal.withdrawn',
      ]),
    );
    await expect(proposals.db.query(`UPDATE audit_record SET action = 'forged'`)).rejects.toThrow(/append-only/);

    const [target] = await proposals.db.query(`SELECT seq, id FROM audit_record WHERE action = 'proposal.submitted' ORDER BY seq LIMIT 1`);
    await proposals.db.transaction(async (tx) => {
      await tx.query('SET LOCAL session_replication_role = replica');
      await tx.query(`UPDATE audit_record SET after = jsonb_set(after, '{requestedAmount}', '1') WHERE seq = $1`, [target.seq]);
    });
    expect(await proposals.audit.verifyChain()).toMatchObject({
      valid: false,
      firstBroken: { seq: Number(target.seq), id: target.id, reason: 'content-changed' },
    });
  });
});
