import { spawn, ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { natsAuthorizationConf, NatsServiceUser } from '@alur/messaging';
import { createServer, AddressInfo } from 'node:net';

/**
 * A real nats-server of its own (never the shared one on 4222), configured with the users and
 * permissions the deployments use: a service's user answers and publishes only its own subjects.
 */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('NATS users and per-service permissions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'alur-nats-'));
  const password = (service: NatsServiceUser) => `pw-${service}-secret`;
  let server: ChildProcess;
  let url: string;
  const open: NatsConnection[] = [];
  const as = async (service: NatsServiceUser) => {
    const nc = await connect({ servers: url, user: service, pass: password(service) });
    open.push(nc);
    return nc;
  };

  beforeAll(async () => {
    const port = await freePort();
    url = `nats://127.0.0.1:${port}`;
    const conf = join(dir, 'nats.conf');
    writeFileSync(conf, `port: ${port}\nhost: 127.0.0.1\njetstream { store_dir: ${JSON.stringify(join(dir, 'js'))} }\n${natsAuthorizationConf('alur', 'ALUR', password)}`);
    server = spawn('/usr/sbin/nats-server', ['-c', conf, '-js'], { stdio: 'ignore' });
    const deadline = Date.now() + 15_000;
    for (;;) {
      try {
        (await connect({ servers: url, user: 'gateway', pass: password('gateway') })).close();
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });
  afterAll(async () => {
    for (const nc of open) await nc.close().catch(() => undefined);
    server?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a client without credentials or with another service’s password', async () => {
    await expect(connect({ servers: url, reconnect: false })).rejects.toThrow(/Authorization/i);
    await expect(connect({ servers: url, user: 'proposals', pass: password('gateway'), reconnect: false })).rejects.toThrow(/Authorization/i);
  });

  it('lets the gateway call a service, and a service answer only its own requests', async () => {
    const proposals = await as('proposals');
    const approvals = await as('approvals');
    const gateway = await as('gateway');
    proposals.subscribe('rpc.alur.proposals.>', { queue: 'proposals', callback: (err, msg) => void (err || msg.respond('from proposals')) });
    const toApprovals: string[] = [];
    approvals.subscribe('rpc.alur.approvals.>', { queue: 'approvals', callback: (err, msg) => void (err || toApprovals.push(msg.string())) });
    await proposals.flush();
    await approvals.flush();

    expect((await gateway.request('rpc.alur.proposals.list', 'list', { timeout: 5000 })).string()).toBe('from proposals');

    // proposals cannot call approvals, nor listen to its requests: refused by the server, it reaches no one.
    proposals.publish('rpc.alur.approvals.decide', 'forged by proposals');
    await proposals.flush();
    gateway.publish('rpc.alur.approvals.decide', 'from the gateway');
    await gateway.flush();
    await approvals.flush();
    expect(toApprovals).toEqual(['from the gateway']);
    const eavesdropper = await as('proposals');
    const overheard: string[] = [];
    eavesdropper.subscribe('rpc.alur.approvals.>', { callback: (err, msg) => void (err || overheard.push(msg.string())) });
    await eavesdropper.flush().catch(() => undefined);
    gateway.publish('rpc.alur.approvals.decide', 'second');
    await gateway.flush();
    await approvals.flush();
    expect(toApprovals).toEqual(['from the gateway', 'second']);
    expect(overheard).toEqual([]);
  });

  it('lets a service publish its own events through JetStream, and no other context’s', async () => {
    const proposals = await as('proposals');
    const jsm = await jetstreamManager(proposals);
    await jsm.streams.add({ name: 'ALUR', subjects: ['alur.>'] });
    const js = jetstream(proposals);
    await expect(js.publish('alur.proposals.proposal-submitted.v1', '{}')).resolves.toMatchObject({ stream: 'ALUR' });
    await expect(js.publish('alur.approvals.stage-approved.v1', '{}', { timeout: 2000 })).rejects.toThrow();
    // The gateway publishes only the user directory's events.
    const gateway = jetstream(await as('gateway'));
    await expect(gateway.publish('alur.identity.user-saved.v1', '{}')).resolves.toMatchObject({ stream: 'ALUR' });
    await expect(gateway.publish('alur.proposals.proposal-submitted.v1', '{}', { timeout: 2000 })).rejects.toThrow();
    expect((await jsm.streams.info('ALUR')).state.messages).toBe(2);
  });
});
