import { spawn, ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { DataSource } from 'typeorm';
import { natsAuthorizationConf, NatsServiceUser, OutboxService, outboxWakeSubject } from '@alur/messaging';
import { createServiceApp } from '@alur/platform';
import { RegionDirectory } from '@alur/regions';
import { createTestIsolation, expectEventually, freePort, removeTestResources } from '@alur/testing';
import { ApprovalsModule } from '../../apps/approvals/src/approvals.module';
import { GatewayModule } from '../../apps/gateway/src/gateway.module';
import { configureGateway } from '../../apps/gateway/src/http/configure-gateway';
import { DEMO_PASSWORD } from '../../apps/gateway/src/seed/demo-users';
import { seedDemoUsers } from '../../apps/gateway/src/seed/seed-demo-users';
import { ProposalsModule } from '../../apps/proposals/src/proposals.module';
import { seedDemoProgrammes } from '../../apps/proposals/src/seed/seed-demo-programmes';
import { BALIK_ALAM, kotakuDraft } from '../proposals/proposal-fixtures';

/**
 * A real nats-server of its own (never the shared one on 4222), configured with the users and
 * permissions the deployments use: a service's user answers and publishes only its own subjects.
 */

describe('NATS users and per-service permissions', () => {
  // The isolation's own subject prefix and stream, so the services below run on them as usual.
  const isolation = createTestIsolation();
  const prefix = isolation.env.NATS_SUBJECT_PREFIX!;
  const stream = isolation.env.NATS_STREAM!;
  const dir = mkdtempSync(join(tmpdir(), 'alur-nats-'));
  const password = (service: NatsServiceUser) => `pw-${service}-secret`;
  const servers: ChildProcess[] = [];
  let url: string;
  const open: NatsConnection[] = [];
  const as = async (service: NatsServiceUser) => {
    const nc = await connect({ servers: url, user: service, pass: password(service) });
    open.push(nc);
    return nc;
  };

  /** A nats-server of the test's own with these users (`authorization`), answering once it is up. */
  async function startNatsServer(name: string, authorization: string): Promise<string> {
    const port = await freePort();
    const conf = join(dir, `${name}.conf`);
    writeFileSync(conf, `port: ${port}\nhost: 127.0.0.1\njetstream { store_dir: ${JSON.stringify(join(dir, name))} }\n${authorization}`);
    servers.push(spawn('/usr/sbin/nats-server', ['-c', conf, '-js'], { stdio: 'ignore' }));
    const serverUrl = `nats://127.0.0.1:${port}`;
    const deadline = Date.now() + 15_000;
    for (;;) {
      try {
        await (await connect({ servers: serverUrl, user: 'gateway', pass: password('gateway') })).close();
        return serverUrl;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  beforeAll(async () => {
    url = await startNatsServer('nats', natsAuthorizationConf(prefix, stream, password));
  });
  // Each test's clients go with it: a raw responder left subscribed would answer the next test's requests.
  afterEach(async () => {
    for (const nc of open.splice(0)) await nc.close().catch(() => undefined);
  });
  afterAll(async () => {
    // Each server has exited before its store is removed: one still stopping writes into the directory being removed.
    await Promise.all(
      servers.map((server) =>
        server.exitCode !== null || server.signalCode !== null
          ? undefined
          : new Promise((exited) => {
              server.once('exit', exited);
              server.kill('SIGTERM');
            }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
    await removeTestResources(isolation.id, isolation.env);
  });

  it('refuses a client without credentials or with another service’s password', async () => {
    await expect(connect({ servers: url, reconnect: false })).rejects.toThrow(/Authorization/i);
    await expect(connect({ servers: url, user: 'proposals', pass: password('gateway'), reconnect: false })).rejects.toThrow(
      /Authorization/i,
    );
  });

  it('lets the gateway call a service, and a service answer only its own requests', async () => {
    const proposals = await as('proposals');
    const approvals = await as('approvals');
    const gateway = await as('gateway');
    proposals.subscribe(`rpc.${prefix}.proposals.>`, {
      queue: 'proposals',
      callback: (err, msg) => void (err || msg.respond('from proposals')),
    });
    const toApprovals: string[] = [];
    approvals.subscribe(`rpc.${prefix}.approvals.>`, {
      queue: 'approvals',
      callback: (err, msg) => void (err || toApprovals.push(msg.string())),
    });
    await proposals.flush();
    await approvals.flush();

    expect((await gateway.request(`rpc.${prefix}.proposals.list`, 'list', { timeout: 5000 })).string()).toBe('from proposals');

    // proposals cannot call approvals, nor listen to its requests: refused by the server, it reaches no one.
    proposals.publish(`rpc.${prefix}.approvals.decide`, 'forged by proposals');
    await proposals.flush();
    gateway.publish(`rpc.${prefix}.approvals.decide`, 'from the gateway');
    await gateway.flush();
    await approvals.flush();
    expect(toApprovals).toEqual(['from the gateway']);
    const eavesdropper = await as('proposals');
    const overheard: string[] = [];
    eavesdropper.subscribe(`rpc.${prefix}.approvals.>`, { callback: (err, msg) => void (err || overheard.push(msg.string())) });
    await eavesdropper.flush().catch(() => undefined);
    gateway.publish(`rpc.${prefix}.approvals.decide`, 'second');
    await gateway.flush();
    await approvals.flush();
    expect(toApprovals).toEqual(['from the gateway', 'second']);
    expect(overheard).toEqual([]);
  });

  it('lets a service publish its own events through JetStream, and no other context’s', async () => {
    const proposals = await as('proposals');
    const jsm = await jetstreamManager(proposals);
    await jsm.streams.add({ name: stream, subjects: [`${prefix}.>`] });
    const js = jetstream(proposals);
    await expect(js.publish(`${prefix}.proposals.proposal-submitted.v1`, '{}')).resolves.toMatchObject({ stream });
    await expect(js.publish(`${prefix}.approvals.stage-approved.v1`, '{}', { timeout: 2000 })).rejects.toThrow();
    // The gateway publishes only the user directory's events.
    const gateway = jetstream(await as('gateway'));
    await expect(gateway.publish(`${prefix}.identity.user-saved.v1`, '{}')).resolves.toMatchObject({ stream });
    await expect(gateway.publish(`${prefix}.proposals.proposal-submitted.v1`, '{}', { timeout: 2000 })).rejects.toThrow();
    expect((await jsm.streams.info(stream)).state.messages).toBe(2);
  });

  it('lets a service wake its own outbox relays, and no other service’s', async () => {
    const heard: string[] = [];
    const approvals = await as('approvals');
    approvals.subscribe(outboxWakeSubject(prefix, 'approvals'), { callback: (err, msg) => void (err || heard.push(msg.string())) });
    await approvals.flush();
    const proposals = await as('proposals');
    const forger = proposals.subscribe(outboxWakeSubject(prefix, 'approvals'), { callback: () => undefined });
    await proposals.flush().catch(() => undefined);
    proposals.publish(outboxWakeSubject(prefix, 'approvals'), 'forged by proposals');
    await proposals.flush().catch(() => undefined);
    const otherApprovals = await as('approvals');
    otherApprovals.publish(outboxWakeSubject(prefix, 'approvals'), 'from another replica');
    await otherApprovals.flush();
    await approvals.flush();
    expect(heard).toEqual(['from another replica']);
    // The server refused proposals' subscription to approvals' wake-ups and closed it.
    await expect(forger.closed).resolves.toBeInstanceOf(Error);
  });

  it('with a NATS configuration from before the wake-ups, still publishes a service’s events, polling every interval', async () => {
    // Data, subjects and stream of its own: the events go to a server no other test uses.
    const own = createTestIsolation();
    const ownPrefix = own.env.NATS_SUBJECT_PREFIX!;
    const ownStream = own.env.NATS_STREAM!;
    // The users as they were: without their outbox wake-up subject, which the server then refuses.
    const outdated = natsAuthorizationConf(ownPrefix, ownStream, password).replace(/"outbox\.[^"]+", /g, '');
    expect(outdated).not.toContain('outbox.');
    const outdatedUrl = await startNatsServer('outdated', outdated);
    // Trusting wake-ups it never hears, the relay would look only every tenth interval (20 s), past the wait below.
    const env = { ...own.env, NATS_URL: outdatedUrl, NATS_USER: 'proposals', NATS_PASSWORD: password('proposals') };
    const proposals = await createServiceApp(
      ProposalsModule.forRoot({ ...env, PROPOSALS_PORT: '0', OUTBOX_POLL_INTERVAL_MS: '2000' }),
      'proposals',
      { rpc: true },
    );
    try {
      const seeded = await seedDemoProgrammes(proposals.get(DataSource), proposals.get(OutboxService), { NODE_ENV: 'test' });
      expect(seeded.published.length).toBeGreaterThan(0);
      const nc = await connect({ servers: outdatedUrl, user: 'proposals', pass: password('proposals') });
      open.push(nc);
      const jsm = await jetstreamManager(nc);
      await expectEventually(async () => expect((await jsm.streams.info(ownStream)).state.messages).toBe(seeded.published.length), {
        timeoutMs: 10_000,
      });
    } finally {
      await proposals.close();
      // Its stream goes with the server (killed after the last test); the schemas are dropped here.
      await removeTestResources(own.id, own.env);
    }
  });

  it('runs the real services as their own users: a proposal submitted through the gateway opens its first stage', async () => {
    // The stream the test above made stays (no service may delete it); the services find it and go on.
    const apps: INestApplication[] = [];
    const envOf = (service: NatsServiceUser): NodeJS.ProcessEnv => ({
      ...isolation.env,
      NATS_URL: url,
      NATS_USER: service,
      NATS_PASSWORD: password(service),
      GATEWAY_PORT: '0',
      PROPOSALS_PORT: '0',
      APPROVALS_PORT: '0',
      // No poll within the test's wait: the submission's event goes out only if its commit's wake-up, sent
      // and heard as the services' own users, woke the relay.
      OUTBOX_POLL_INTERVAL_MS: String(10 * 60 * 1000),
    });
    try {
      const proposals = await createServiceApp(ProposalsModule.forRoot(envOf('proposals')), 'proposals', { rpc: true });
      apps.push(proposals);
      apps.push(await createServiceApp(ApprovalsModule.forRoot(envOf('approvals')), 'approvals', { rpc: true }));
      const gateway = await createServiceApp(GatewayModule.forRoot(envOf('gateway')), 'gateway', { configure: configureGateway });
      apps.push(gateway);
      await seedDemoUsers(gateway.get(DataSource), RegionDirectory.shared(), gateway.get(OutboxService));
      await seedDemoProgrammes(proposals.get(DataSource), proposals.get(OutboxService), { NODE_ENV: 'test' });
      const base = (await gateway.getUrl()).replace('[::1]', '127.0.0.1');
      const call = async (method: string, path: string, token?: string, body?: unknown) => {
        const response = await fetch(`${base}${path}`, {
          method,
          headers: {
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: response.status, body: (await response.json()) as any };
      };
      const login = async (username: string) =>
        (await call('POST', '/api/v1/auth/login', undefined, { username, password: DEMO_PASSWORD })).body.accessToken as string;
      const bkm = await login(`bkm.${BALIK_ALAM}`);
      const draft = await call('POST', '/api/v1/proposals', bkm, kotakuDraft());
      expect(draft.status).toBe(201);
      expect((await call('POST', `/api/v1/proposals/${draft.body.id}/submit`, bkm, {})).status).toBe(200);
      // proposals published its event as its own user; approvals consumed it as its own.
      const lurah = await login(`lurah.${BALIK_ALAM}`);
      await expectEventually(async () => {
        const stages = await call('GET', `/api/v1/approvals/proposals/${draft.body.id}/stages`, lurah);
        expect(stages.body).toMatchObject([{ role: 'LURAH', status: 'OPEN' }]);
      });
    } finally {
      for (const app of apps.reverse()) await app.close();
    }
  });
});
