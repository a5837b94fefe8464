import { randomUUID } from 'node:crypto';
import { createSecretKey } from 'node:crypto';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { parseEnv, baseEnvSchema } from '@alur/config';
import { Actor } from '@alur/contracts';
import { callerAssertionKey, rpcSubject, signCallerAssertion } from '@alur/messaging';
import { createTestIsolation, removeTestResources } from '@alur/testing';
import { RunningGateway, startGateway } from '../gateway/gateway-harness';
import { RunningProposals, startProposals } from '../proposals/proposals-harness';

/** Anyone who can reach NATS, speaking the services' request protocol directly. */
async function ask(nc: NatsConnection, subject: string, meta: Record<string, unknown>, data: unknown) {
  const reply = await nc.request(subject, JSON.stringify({ pattern: subject, id: randomUUID(), data: { meta, data } }), { timeout: 5000 });
  return JSON.parse(reply.string()) as { err?: { status: number; body: { message: string } }; response?: unknown };
}

describe('a caller the services can trust', () => {
  const isolation = createTestIsolation();
  const env = parseEnv(baseEnvSchema, isolation.env);
  const subject = rpcSubject(env.NATS_SUBJECT_PREFIX, 'proposals.list');
  const bupati: Actor = { userId: randomUUID(), username: 'bupati', role: 'BUPATI', regionCode: '14.03' };
  let proposals: RunningProposals;
  let gateway: RunningGateway;
  let nc: NatsConnection;

  beforeAll(async () => {
    proposals = await startProposals(isolation);
    gateway = await startGateway(isolation);
    nc = await connect({ servers: env.NATS_URL });
  });

  afterAll(async () => {
    await nc?.close();
    await gateway?.close();
    await proposals?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('serves a user through the gateway, which asserts the caller for them', async () => {
    const response = await gateway.call('GET', '/api/v1/proposals', { token: await gateway.tokenOf('bupati') });
    expect(response.status).toBe(200);
  });

  it('refuses a raw NATS request that only names its caller (a forged actor), 401', async () => {
    const answer = await ask(nc, subject, { actor: bupati }, {});
    expect(answer.response).toBeUndefined();
    expect(answer.err).toMatchObject({ status: 401, body: { message: 'No caller assertion on the request' } });
  });

  it('refuses assertions signed with another key, expired, or made for another request', async () => {
    const key = callerAssertionKey(env);
    const otherKey = createSecretKey(Buffer.from('z'.repeat(40)));
    const cases: Array<[string, string, unknown]> = [
      ['forged', signCallerAssertion(otherKey, subject, {}, bupati), {}],
      ['expired', signCallerAssertion(key, subject, {}, bupati, Date.now() - 120_000), {}],
      ['another operation', signCallerAssertion(key, rpcSubject(env.NATS_SUBJECT_PREFIX, 'proposals.get'), {}, bupati), {}],
      ['other data', signCallerAssertion(key, subject, { status: 'DRAFT' }, bupati), {}],
      ['not a token', 'eyJhbGciOiJub25lIn0.e30.', {}],
    ];
    for (const [label, assertion, data] of cases) {
      const answer = await ask(nc, subject, { assertion, actor: bupati }, data);
      expect({ label, status: answer.err?.status, answered: answer.response !== undefined }).toEqual({
        label,
        status: 401,
        answered: false,
      });
    }
  });

  it('answers a request whose assertion the gateway’s key made for exactly it (the protocol above is the real one)', async () => {
    const assertion = signCallerAssertion(callerAssertionKey(env), subject, {}, bupati);
    const answer = await ask(nc, subject, { assertion }, {});
    expect(answer.err).toBeUndefined();
    expect(answer.response).toMatchObject({ items: expect.any(Array) });
  });
});
