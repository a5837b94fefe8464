import { Global, Module, Type } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createTestIsolation, removeTestResources, TINY_PNG } from '@alur/testing';
import { LOGIN_THROTTLE_CLOCK } from '../../apps/gateway/src/auth/login-throttle.service';
import { RunningGateway, startGateway } from '../gateway/gateway-harness';
import { BALIK_ALAM } from '../proposals/proposal-fixtures';
import { outsideAddress } from './outside-address';

async function loginAt(base: string, username: string, password: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, password }),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
}

describe('login throttling in Redis, and the audit trail of security-relevant actions', () => {
  const isolation = createTestIsolation();
  let gateway: RunningGateway;
  let elsewhere: string;
  /** The throttle's clock, which only this test moves: a slow machine cannot make a wait shorter than it was. */
  let throttleNow = Date.now();

  beforeAll(async () => {
    gateway = await startGateway(isolation, {
      host: '0.0.0.0',
      module: (root) => {
        @Global()
        @Module({ providers: [{ provide: LOGIN_THROTTLE_CLOCK, useValue: () => throttleNow }], exports: [LOGIN_THROTTLE_CLOCK] })
        class TestClock {}
        @Module({ imports: [root, TestClock] })
        class GatewayOnTestClock {}
        return GatewayOnTestClock as Type<unknown>;
      },
    });
    elsewhere = `http://${outsideAddress()}:${new URL(gateway.url).port}`;
  });

  afterAll(async () => {
    await gateway?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  const login = (username: string, password: string, base = gateway.url, headers: Record<string, string> = {}) =>
    loginAt(base, username, password, headers);
  /** The clock moves on: the attacker waits `seconds`, as they were told to. */
  const wait = (seconds: number) => {
    throttleNow += seconds * 1000;
  };
  const audit = async (action: string) =>
    (await gateway.app
      .get(DataSource)
      .query('SELECT entity_id, actor, after FROM audit_record WHERE action = $1 ORDER BY seq', [action])) as Array<{
      entity_id: string;
      actor: { username: string } | null;
      after: Record<string, unknown> | null;
    }>;

  it('delays one account from one address more with every failure, while its holder logs in from elsewhere', async () => {
    const statuses = [];
    for (let attempt = 0; attempt < 5; attempt++) statuses.push((await login('bpkad', 'guess')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const waits = [];
    const messages = [];
    for (let round = 0; round < 3; round++) {
      const refused = await login('bpkad', 'alur-demo');
      expect(refused).toMatchObject({ status: 429, body: { retryAfterSeconds: expect.any(Number) } });
      const { retryAfterSeconds, message } = refused.body as { retryAfterSeconds: number; message: string };
      // The same wait in the header clients and proxies read.
      expect(refused.retryAfter).toBe(String(retryAfterSeconds));
      waits.push(retryAfterSeconds);
      messages.push(message);
      wait(retryAfterSeconds);
      expect((await login('bpkad', 'guess')).status).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4]);
    expect(messages).toEqual([
      'Too many failed logins: wait 1 second and try again',
      'Too many failed logins: wait 2 seconds and try again',
      'Too many failed logins: wait 4 seconds and try again',
    ]);
    // The real BPKAD, at another address, is not locked out by the attacker.
    expect((await login('bpkad', 'alur-demo', elsewhere)).status).toBe(200);
  });

  it('stops one address spraying a password across the predictable usernames, not the others', async () => {
    const villages = ['1004', '1005', '1006', '1007', '1008', '1009', '1010', '1011', '1012', '1013'];
    const usernames = villages.flatMap((v) => [`bkm.14.03.09.${v}`, `lurah.14.03.09.${v}`, `x.${v}`]);
    const statuses = [];
    for (const username of usernames) statuses.push((await login(username, 'password123', elsewhere)).status);
    expect(statuses).toEqual(usernames.map(() => 401));
    expect((await login('camat.14.03.09', 'alur-demo', elsewhere)).status).toBe(429);
    // With no proxy configured, a client that writes its own X-Forwarded-For is still its own address.
    expect((await login('camat.14.03.09', 'alur-demo', elsewhere, { 'x-forwarded-for': '198.51.100.7' })).status).toBe(429);
    expect((await login('camat.14.03.09', 'alur-demo')).status).toBe(200);
  });

  it('records logins, failed and not, logout, a new user, an upload and a queue-board session', async () => {
    const failed = await audit('login.failed');
    expect(failed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: null, after: expect.objectContaining({ username: 'bpkad', reason: 'wrong-password' }) }),
      ]),
    );
    expect(failed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entity_id: 'x.1004', after: expect.objectContaining({ reason: 'unknown-user' }) }),
      ]),
    );
    expect((await audit('login.succeeded')).map((r) => r.actor?.username)).toEqual(expect.arrayContaining(['bpkad', 'camat.14.03.09']));

    const admin = await gateway.tokenOf('admin');
    const created = await gateway.call('POST', '/api/v1/users', {
      token: admin,
      body: {
        username: 'verifikator.audit',
        password: 'kata-sandi-panjang-1',
        role: 'VERIFIKATOR',
        regionCode: '14.03.09',
        displayName: 'Verifikator Audit',
      },
    });
    expect(created.status).toBe(201);
    expect(await audit('user.created')).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ username: 'admin' }),
        after: expect.objectContaining({ username: 'verifikator.audit', role: 'VERIFIKATOR' }),
      }),
    ]);

    expect((await gateway.call('POST', '/api/v1/admin/queues/session', { token: admin })).status).toBe(204);
    expect(await audit('queue-board.session-opened')).toEqual([
      expect.objectContaining({ actor: expect.objectContaining({ username: 'admin' }) }),
    ]);

    const bkm = await gateway.tokenOf(`bkm.${BALIK_ALAM}`);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(TINY_PNG)], { type: 'image/png' }), 'foto.png');
    const uploaded = await fetch(`${gateway.url}/api/v1/uploads/photos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bkm}` },
      body: form,
    });
    const { id } = (await uploaded.json()) as { id: string };
    expect(await audit('upload.stored')).toEqual([
      expect.objectContaining({ entity_id: id, after: expect.objectContaining({ kind: 'photo', regionCode: BALIK_ALAM }) }),
    ]);

    expect((await gateway.call('POST', '/api/v1/auth/logout', { token: bkm })).status).toBe(204);
    expect((await audit('logout')).map((r) => r.actor?.username)).toEqual([`bkm.${BALIK_ALAM}`]);
  });
});

describe('behind the ingress (one trusted proxy), each client is its own address', () => {
  const isolation = createTestIsolation();
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway(isolation, { env: { GATEWAY_TRUSTED_PROXY_HOPS: '1' } });
  });

  afterAll(async () => {
    await gateway?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  /** A login through the ingress, which writes the address it saw last in X-Forwarded-For, after whatever the client wrote. */
  const throughIngress = (client: string, username: string, password: string, written?: string) =>
    loginAt(gateway.url, username, password, { 'x-forwarded-for': written ? `${written}, ${client}` : client });

  it('stops the address spraying passwords, not everyone else who comes through the same ingress', async () => {
    const sprayer = '198.51.100.7';
    const camat = '203.0.113.20';
    for (let attempt = 0; attempt < 30; attempt++) {
      expect((await throughIngress(sprayer, `bkm.14.03.09.${1004 + attempt}`, 'password123')).status).toBe(401);
    }
    expect((await throughIngress(sprayer, 'camat.14.03.09', 'alur-demo')).status).toBe(429);
    // Writing someone else's address first does not make the sprayer them: the ingress's own entry counts.
    expect((await throughIngress(sprayer, 'camat.14.03.09', 'alur-demo', camat)).status).toBe(429);
    expect((await throughIngress(camat, 'camat.14.03.09', 'alur-demo')).status).toBe(200);

    const records = (await gateway.app
      .get(DataSource)
      .query(`SELECT action, after FROM audit_record WHERE action IN ('login.failed', 'login.succeeded') ORDER BY seq`)) as Array<{
      action: string;
      after: { address: string };
    }>;
    expect(records.filter((r) => r.action === 'login.failed').map((r) => r.after.address)).toEqual(Array(30).fill(sprayer));
    expect(records.filter((r) => r.action === 'login.succeeded').map((r) => r.after.address)).toEqual([camat]);
  });
});
