import { randomUUID } from 'node:crypto';
import { createTestIsolation, removeTestResources, TINY_PNG } from '@alur/testing';
import { RunningGateway, startGateway } from '../gateway/gateway-harness';
import { BALIK_ALAM, kotakuDraft, OTHER_MANDAU_VILLAGE } from '../proposals/proposal-fixtures';
import { RunningProposals, startProposals } from '../proposals/proposals-harness';

const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');

describe('a proposal and a progress report refer only to their own village’s uploads', () => {
  const isolation = createTestIsolation();
  let proposals: RunningProposals;
  let gateway: RunningGateway;
  let own: string;
  let neighbour: string;

  beforeAll(async () => {
    proposals = await startProposals(isolation);
    gateway = await startGateway(isolation);
    own = await gateway.tokenOf(`bkm.${BALIK_ALAM}`);
    neighbour = await gateway.tokenOf(`bkm.${OTHER_MANDAU_VILLAGE}`);
  });

  afterAll(async () => {
    await gateway?.close();
    await proposals?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  const upload = async (token: string, kind: 'photos' | 'documents', file: Buffer, type: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)], { type }), kind === 'photos' ? 'foto.png' : 'ded.pdf');
    const response = await fetch(`${gateway.url}/api/v1/uploads/${kind}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { url: string }).url;
  };
  const proposalCount = async (token: string) => (await (await gateway.call('GET', '/api/v1/proposals', { token })).json()).items.length;

  it('refuses a proposal, new or edited, that attaches another village’s document, naming the field', async () => {
    const theirs = await upload(neighbour, 'documents', PDF, 'application/pdf');
    const mine = await upload(own, 'documents', PDF, 'application/pdf');
    const documents = [
      { url: mine, name: 'DED.pdf', kind: 'DED' },
      { url: theirs, name: 'RAB.pdf', kind: 'RAB' },
    ];
    const before = await proposalCount(own);
    const created = await gateway.call('POST', '/api/v1/proposals', { token: own, body: kotakuDraft(BALIK_ALAM, { documents }) });
    expect(created.status).toBe(400);
    expect((await created.json()).errors).toEqual([
      { field: 'documents.1.url', reason: 'must be a file uploaded by your own village', code: 'upload_not_own' },
    ]);
    expect(await proposalCount(own)).toBe(before);

    const draft = await (
      await gateway.call('POST', '/api/v1/proposals', { token: own, body: kotakuDraft(BALIK_ALAM, { documents: [documents[0]] }) })
    ).json();
    expect(draft.documents).toEqual([documents[0]]);
    const edited = await gateway.call('PATCH', `/api/v1/proposals/${draft.id}`, {
      token: own,
      body: { version: draft.version, documents },
    });
    expect(edited.status).toBe(400);
    expect((await edited.json()).errors).toMatchObject([{ field: 'documents.1.url', code: 'upload_not_own' }]);
    // A reference to no upload at all is refused the same way, without telling the two apart.
    const ghost = { url: `/api/v1/uploads/documents/${randomUUID()}`, name: 'x.pdf', kind: 'DED' };
    const missing = await gateway.call('PATCH', `/api/v1/proposals/${draft.id}`, {
      token: own,
      body: { version: draft.version, documents: [ghost] },
    });
    expect((await missing.json()).errors).toMatchObject([{ field: 'documents.0.url', code: 'upload_not_own' }]);
    const after = await (await gateway.call('GET', `/api/v1/proposals/${draft.id}`, { token: own })).json();
    expect({ version: after.version, documents: after.documents }).toEqual({ version: draft.version, documents: [documents[0]] });
  });

  it('refuses a progress report with another village’s photo before any service is asked', async () => {
    const theirs = await upload(neighbour, 'photos', TINY_PNG, 'image/png');
    const report = await gateway.call('POST', `/api/v1/proposals/${randomUUID()}/progress-reports`, {
      token: own,
      body: {
        physicalProgressPercent: 40,
        amountSpent: 1_000_000,
        note: 'Pengecoran selesai',
        photos: [{ url: 'https://example.org/a.jpg' }, { url: theirs }],
      },
    });
    expect(report.status).toBe(400);
    expect((await report.json()).errors).toEqual([
      { field: 'photos.1.url', reason: 'must be a file uploaded by your own village', code: 'upload_not_own' },
    ]);
  });
});
