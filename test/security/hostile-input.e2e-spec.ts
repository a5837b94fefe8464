import { createTestIsolation, removeTestResources } from '@alur/testing';
import { GatewayResponse, RunningGateway, startGateway } from '../gateway/gateway-harness';
import { kotakuDraft } from '../proposals/proposal-fixtures';
import { RunningProposals, startProposals } from '../proposals/proposals-harness';

/** Each of these answered 500 before: now a 400 that names the field, with a stable code. */
async function expectRefusal(response: GatewayResponse, field: string | RegExp, code: unknown = expect.any(String)) {
  const body = await response.json();
  expect({ status: response.status, body }).toMatchObject({
    status: 400,
    body: {
      errors: expect.arrayContaining([
        expect.objectContaining({
          field: typeof field === 'string' ? field : expect.stringMatching(field),
          code,
          reason: expect.any(String),
        }),
      ]),
    },
  });
}

describe('hostile input answered with 400 naming the field', () => {
  const isolation = createTestIsolation();
  let proposals: RunningProposals;
  let gateway: RunningGateway;
  let bkm: string;
  let draft: { id: string; version: number };

  beforeAll(async () => {
    proposals = await startProposals(isolation);
    gateway = await startGateway(isolation);
    bkm = await gateway.tokenOf('bkm.14.03.09.1004');
    draft = await (await gateway.call('POST', '/api/v1/proposals', { token: bkm, body: kotakuDraft() })).json();
  });

  afterAll(async () => {
    await gateway?.close();
    await proposals?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  const proposalsOfBkm = async () => (await (await gateway.call('GET', '/api/v1/proposals', { token: bkm })).json()).items.length;

  it('refuses JSON nested about 1,500 deep, as the body and inside a field', async () => {
    let array: unknown = 1;
    for (let i = 0; i < 1500; i++) array = [array];
    let object: unknown = 1;
    for (let i = 0; i < 1500; i++) object = { a: object };
    const before = await proposalsOfBkm();
    // A body that is not an object is refused as such, before anything reads into it.
    await expectRefusal(await gateway.call('POST', '/api/v1/proposals', { token: bkm, body: array }), '(body)', 'invalid_type');
    await expectRefusal(
      await gateway.call('POST', '/api/v1/proposals', { token: bkm, body: { ...kotakuDraft(), budgetItems: array } }),
      /^budgetItems\.0\.0/,
      'too_deep',
    );
    await expectRefusal(
      await gateway.call('PATCH', `/api/v1/proposals/${draft.id}`, { token: bkm, body: { version: draft.version, beneficiaries: object } }),
      /^beneficiaries\.a\.a/,
      'too_deep',
    );
    expect(await proposalsOfBkm()).toBe(before);
  });

  it('refuses a NUL character in a text, a query value, a route parameter and at login', async () => {
    await expectRefusal(
      await gateway.call('POST', '/api/v1/proposals', { token: bkm, body: kotakuDraft(undefined, { title: 'Jalan\u0000' }) }),
      'title',
      'text_nul',
    );
    await expectRefusal(await gateway.call('GET', '/api/v1/proposals?status=DRAFT%00', { token: bkm }), 'status', 'text_nul');
    await expectRefusal(await gateway.call('GET', '/api/v1/proposals/a%00b', { token: bkm }), 'id', 'text_nul');
    await expectRefusal(
      await gateway.call('POST', '/api/v1/auth/login', { body: { username: 'admin\u0000', password: 'x' } }),
      'username',
      'text_nul',
    );
  });

  it('refuses a lone UTF-16 surrogate in a text, and keeps a real emoji', async () => {
    await expectRefusal(
      await gateway.call('PATCH', `/api/v1/proposals/${draft.id}`, {
        token: bkm,
        body: { version: draft.version, description: 'Jalan \ud83d rusak' },
      }),
      'description',
      'text_lone_surrogate',
    );
    const kept = await gateway.call('PATCH', `/api/v1/proposals/${draft.id}`, {
      token: bkm,
      body: { version: draft.version, description: 'Jalan 🚧 rusak' },
    });
    expect(kept.status).toBe(200);
    draft = await kept.json();
    expect(draft).toMatchObject({ description: 'Jalan 🚧 rusak' });
  });

  it('refuses a quantity of 1e-7 on PATCH and leaves the draft as it was', async () => {
    const raw = `{"version":${draft.version},"budgetItems":[{"description":"Semen","quantity":1e-7,"unit":"sak","unitPrice":80000}]}`;
    const response = await fetch(`${gateway.url}/api/v1/proposals/${draft.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${bkm}`, 'content-type': 'application/json' },
      body: raw,
    });
    await expectRefusal(response as GatewayResponse, 'budgetItems.0.quantity', 'too_small');
    const after = await (await gateway.call('GET', `/api/v1/proposals/${draft.id}`, { token: bkm })).json();
    expect(after.version).toBe(draft.version);
    expect(after.budgetItems).toHaveLength(3);
  });

  it('refuses ids beyond the integer range', async () => {
    const admin = await gateway.tokenOf('admin');
    await expectRefusal(
      await gateway.call('POST', '/ops/dead-letters/99999999999999999999/replay', { token: admin }),
      'id',
      'invalid_format',
    );
    await expectRefusal(await gateway.call('GET', '/api/v1/proposals?page=99999999999999999999', { token: bkm }), 'page');
    await expectRefusal(
      await gateway.call('PATCH', `/api/v1/proposals/${draft.id}`, { token: bkm, body: { version: 99999999999999999999, title: 'x' } }),
      'version',
    );
  });

  it('keeps /ops/ to administrators whatever the letter case of the path', async () => {
    for (const path of ['/ops/dead-letters', '/OPS/dead-letters', '/Ops/Dead-Letters']) {
      const response = await gateway.call('GET', path, { token: bkm });
      expect([path, response.status]).toEqual([path, 403]);
    }
  });
});
