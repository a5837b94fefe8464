import { JwtService } from '@nestjs/jwt';
import { createTestIsolation, removeTestResources } from '@alur/testing';
import { DEMO_FISCAL_YEAR, DEMO_KOTAKU, DEMO_PROGRAMMES } from '../../apps/proposals/src/seed/demo-programmes';
import { RunningGateway, startGateway } from '../gateway/gateway-harness';
import { BALIK_ALAM, kotakuDraft, MANDAU, OTHER_MANDAU_VILLAGE, PINGGIR } from './proposal-fixtures';
import { RunningProposals, startProposals } from './proposals-harness';

/** A programme of next year, which nobody has made yet. */
const NEXT_YEAR_KOTAKU = `KOTAKU-${DEMO_FISCAL_YEAR + 1}`;

describe('who may see and do what with proposals', () => {
  const isolation = createTestIsolation();
  let proposals: RunningProposals;
  let gateway: RunningGateway;
  let bkm: string;
  let proposalId: string;

  beforeAll(async () => {
    proposals = await startProposals(isolation);
    gateway = await startGateway(isolation);
    bkm = await gateway.tokenOf(`bkm.${BALIK_ALAM}`);
    const created = await gateway.call('POST', '/api/v1/proposals', { token: bkm, body: kotakuDraft() });
    proposalId = (await created.json()).id;
  });
  afterAll(async () => {
    await gateway?.close();
    await proposals?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  const show = (token: string, id = proposalId) => gateway.call('GET', `/api/v1/proposals/${id}`, { token });
  const totalListed = async (token: string) => (await (await gateway.call('GET', '/api/v1/proposals', { token })).json()).total;

  it('shows the proposal to its BKM, its Lurah, the Camat of its kecamatan and regency officials', async () => {
    for (const username of [`bkm.${BALIK_ALAM}`, `lurah.${BALIK_ALAM}`, `camat.${MANDAU}`, 'dinas', 'bupati']) {
      const token = await gateway.tokenOf(username);
      expect([username, (await show(token)).status]).toEqual([username, 200]);
      expect([username, await totalListed(token)]).toEqual([username, 1]);
    }
  });

  it('answers 404 to a BKM, Lurah and Camat of other regions, exactly as for a proposal that does not exist', async () => {
    const missing = await show(bkm, '3f1c2a9e-8d4b-4c7a-9e21-5b6d7f8a9c0d');
    expect(missing.status).toBe(404);
    const { message } = await missing.json();
    for (const username of [`bkm.${OTHER_MANDAU_VILLAGE}`, `lurah.${OTHER_MANDAU_VILLAGE}`, `camat.${PINGGIR}`]) {
      const token = await gateway.tokenOf(username);
      const response = await show(token);
      expect([username, response.status]).toEqual([username, 404]);
      expect((await response.json()).message).toBe(message.replace('3f1c2a9e-8d4b-4c7a-9e21-5b6d7f8a9c0d', proposalId));
      expect([username, await totalListed(token)]).toEqual([username, 0]);
    }
    const otherBkm = await gateway.tokenOf(`bkm.${OTHER_MANDAU_VILLAGE}`);
    for (const [method, path, body] of [
      ['PATCH', `/api/v1/proposals/${proposalId}`, { title: 'Diambil alih', version: 1 }],
      ['POST', `/api/v1/proposals/${proposalId}/submit`, {}],
      ['POST', `/api/v1/proposals/${proposalId}/withdraw`, {}],
    ] as const) {
      expect([path, (await gateway.call(method, path, { token: otherBkm, body })).status]).toEqual([path, 404]);
    }
  });

  it('answers 403 to a role acting outside its powers', async () => {
    const lurah = await gateway.tokenOf(`lurah.${BALIK_ALAM}`);
    expect((await gateway.call('POST', '/api/v1/proposals', { token: lurah, body: kotakuDraft() })).status).toBe(403);
    expect((await gateway.call('POST', `/api/v1/proposals/${proposalId}/submit`, { token: lurah, body: {} })).status).toBe(403);
    expect((await gateway.call('POST', `/api/v1/programmes/${DEMO_KOTAKU}/versions/1/publish`, { token: bkm })).status).toBe(403);
    const programme = { ...kotakuDraftProgramme(), code: NEXT_YEAR_KOTAKU };
    expect((await gateway.call('POST', '/api/v1/programmes', { token: bkm, body: programme })).status).toBe(403);
    // A BKM writes only for its own village.
    const elsewhere = await gateway.call('POST', '/api/v1/proposals', { token: bkm, body: kotakuDraft(OTHER_MANDAU_VILLAGE) });
    expect(elsewhere.status).toBe(403);
  });

  it('answers 401 to a missing, bad or expired token', async () => {
    expect((await gateway.call('GET', '/api/v1/proposals')).status).toBe(401);
    expect((await gateway.call('GET', '/api/v1/proposals', { token: 'not-a-token' })).status).toBe(401);
    const [, payload] = bkm.split('.');
    const { sub, username, role, regionCode } = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const expired = await gateway.app.get(JwtService).signAsync({ sub, username, role, regionCode }, { expiresIn: -60 });
    const late = await gateway.call('POST', '/api/v1/proposals', { token: expired, body: kotakuDraft() });
    expect(late.status).toBe(401);
  });

  it('lets an admin draft and publish a new programme version without touching proposals already written', async () => {
    const admin = await gateway.tokenOf('admin');
    const draft = await gateway.call('POST', '/api/v1/programmes', {
      token: admin,
      body: { ...kotakuDraftProgramme(), maxRequestedAmount: 750_000_000 },
    });
    expect(draft.status).toBe(201);
    expect(await draft.json()).toMatchObject({ code: DEMO_KOTAKU, version: 2, status: 'DRAFT' });
    const second = await gateway.call('POST', '/api/v1/programmes', { token: admin, body: kotakuDraftProgramme() });
    expect(second.status).toBe(409);
    const published = await gateway.call('POST', `/api/v1/programmes/${DEMO_KOTAKU}/versions/2/publish`, { token: admin });
    expect(published.status).toBe(200);
    expect((await gateway.call('POST', `/api/v1/programmes/${DEMO_KOTAKU}/versions/2/publish`, { token: admin })).status).toBe(409);

    const seenByBkm = await (await gateway.call('GET', `/api/v1/programmes/${DEMO_KOTAKU}`, { token: bkm })).json();
    expect(seenByBkm.latest).toMatchObject({ version: 2, maxRequestedAmount: 750_000_000 });
    expect(seenByBkm.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [1, 'PUBLISHED'],
      [2, 'PUBLISHED'],
    ]);
    // Version 1 stays as it was, and so does the proposal written against it.
    const [v1] = await proposals.db.query('SELECT max_requested_amount FROM programme_version WHERE code = $1 AND version = 1', [
      DEMO_KOTAKU,
    ]);
    expect(v1.max_requested_amount).toBe('500000000');
    await expect(proposals.db.query(`UPDATE programme_version SET name = 'x' WHERE version = 1`)).rejects.toThrow(/published/);
    expect((await (await show(bkm)).json()).programVersion).toBe(1);

    const invalid = await gateway.call('POST', '/api/v1/programmes', {
      token: admin,
      body: { ...kotakuDraftProgramme(), code: NEXT_YEAR_KOTAKU, tranchePlan: [{ shareBp: 4000, unlockProgressPercent: 0 }] },
    });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).errors.map((e: { field: string }) => e.field)).toEqual(['tranchePlan']);
  });
});

function kotakuDraftProgramme() {
  return structuredClone(DEMO_PROGRAMMES.find((p) => p.code === DEMO_KOTAKU)!);
}
