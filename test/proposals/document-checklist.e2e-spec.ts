import { createTestIsolation, removeTestResources } from '@alur/testing';
import { DEMO_KOTAKU, DEMO_PROGRAMMES } from '../../apps/proposals/src/seed/demo-programmes';
import { RunningGateway, startGateway } from '../gateway/gateway-harness';
import { BALIK_ALAM, kotakuDraft, OTHER_MANDAU_VILLAGE } from './proposal-fixtures';
import { RunningProposals, startProposals } from './proposals-harness';

const PROGRAMME = 'DOCS-2026';

describe('complete files before review: a programme’s documents checklist', () => {
  const isolation = createTestIsolation();
  let proposals: RunningProposals;
  let gateway: RunningGateway;
  const tokens: Record<string, string> = {};
  let proposalId: string;

  const upload = async (token: string, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([new TextEncoder().encode(`%PDF-1.7\n% ${name}\n%%EOF\n`)], { type: 'application/pdf' }), name);
    const response = await fetch(`${gateway.url}/api/v1/uploads/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { url: string }).url;
  };
  const submit = () => gateway.call('POST', `/api/v1/proposals/${proposalId}/submit`, { token: tokens.bkm, body: {} });
  const attach = async (documents: object[]) => {
    const { version } = await (await gateway.call('GET', `/api/v1/proposals/${proposalId}`, { token: tokens.bkm })).json();
    return gateway.call('PATCH', `/api/v1/proposals/${proposalId}`, { token: tokens.bkm, body: { documents, version } });
  };

  beforeAll(async () => {
    proposals = await startProposals(isolation);
    gateway = await startGateway(isolation);
    for (const [name, username] of Object.entries({
      admin: 'admin',
      bkm: `bkm.${BALIK_ALAM}`,
      otherBkm: `bkm.${OTHER_MANDAU_VILLAGE}`,
      lurah: `lurah.${BALIK_ALAM}`,
    })) {
      tokens[name] = await gateway.tokenOf(username);
    }
    const programme = {
      ...structuredClone(DEMO_PROGRAMMES.find((p) => p.code === DEMO_KOTAKU)!),
      code: PROGRAMME,
      requiredDocuments: [
        { kind: 'DED', required: true },
        { kind: 'RAB', required: true },
        { kind: 'SITE_PHOTO', required: false },
      ],
    };
    expect((await gateway.call('POST', '/api/v1/programmes', { token: tokens.admin, body: programme })).status).toBe(201);
    expect((await gateway.call('POST', `/api/v1/programmes/${PROGRAMME}/versions/1/publish`, { token: tokens.admin })).status).toBe(200);
  });

  afterAll(async () => {
    await gateway?.close();
    await proposals?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('refuses to submit a proposal without documents, naming every missing required kind', async () => {
    const created = await gateway.call('POST', '/api/v1/proposals', {
      token: tokens.bkm,
      body: kotakuDraft(BALIK_ALAM, { programCode: PROGRAMME }),
    });
    expect(created.status).toBe(201);
    proposalId = (await created.json()).id;
    const refused = await submit();
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors).toEqual([
      expect.objectContaining({ field: 'documents', reason: 'a DED document is required before submitting' }),
      expect.objectContaining({ field: 'documents', reason: 'a RAB document is required before submitting' }),
    ]);
  });

  it('still refuses with one kind attached, and takes no document uploaded in another village', async () => {
    const ded = await upload(tokens.bkm, 'DED gang Damai.pdf');
    expect((await attach([{ url: ded, name: 'DED gang Damai', kind: 'DED' }])).status).toBe(200);
    const refused = await submit();
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors).toEqual([
      expect.objectContaining({ field: 'documents', reason: 'a RAB document is required before submitting' }),
    ]);

    const foreignRab = await upload(tokens.otherBkm, 'RAB desa lain.pdf');
    const foreign = await attach([
      { url: ded, name: 'DED gang Damai', kind: 'DED' },
      { url: foreignRab, name: 'RAB', kind: 'RAB' },
    ]);
    expect(foreign.status).toBe(400);
    expect((await foreign.json()).errors).toEqual([expect.objectContaining({ field: 'documents.1.url' })]);
  });

  it('submits once every required kind is there, and shows officials the checklist with each document', async () => {
    const ded = await upload(tokens.bkm, 'DED gang Damai v2.pdf');
    const rab = await upload(tokens.bkm, 'RAB gang Damai.pdf');
    const documents = [
      { url: ded, name: 'DED gang Damai', kind: 'DED' },
      { url: rab, name: 'RAB gang Damai', kind: 'RAB' },
    ];
    expect((await attach(documents)).status).toBe(200);
    expect((await submit()).status).toBe(200);

    const seen = await (await gateway.call('GET', `/api/v1/proposals/${proposalId}`, { token: tokens.lurah })).json();
    expect(seen.documentChecklist).toEqual([
      { kind: 'DED', required: true, present: true, documents: [documents[0]] },
      { kind: 'RAB', required: true, present: true, documents: [documents[1]] },
      { kind: 'SITE_PHOTO', required: false, present: false, documents: [] },
    ]);
    const programme = await (await gateway.call('GET', `/api/v1/programmes/${PROGRAMME}`, { token: tokens.lurah })).json();
    expect(JSON.stringify(programme)).toContain('"requiredDocuments"');
  });
});
