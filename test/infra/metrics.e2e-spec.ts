// Scrapes /metrics of started services, on their own metrics port, and checks that the figures an
// operator watches move when the services work.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProgrammePublishedV1, ProposalSubmittedV1, ProposalWithdrawnV1, UserSavedV1 } from '@alur/contracts';
import { filtersOnSeveralSubjects, NatsClients, OutboxService } from '@alur/messaging';
import { MetricsServer, METRICS } from '@alur/metrics';
import { createServiceApp } from '@alur/platform';
import { RegionDirectory } from '@alur/regions';
import { createTestIsolation, expectEventually, removeTestResources } from '@alur/testing';
import { configureGateway } from '../../apps/gateway/src/http/configure-gateway';
import { GatewayModule } from '../../apps/gateway/src/gateway.module';
import { seedDemoUsers } from '../../apps/gateway/src/seed/seed-demo-users';
import { NotificationsModule } from '../../apps/notifications/src/notifications.module';
import { ApprovalsWorld, useApprovalsWorld } from '../approvals/approvals-harness';

/** One sample of a Prometheus text exposition, e.g. `alur_outbox_backlog{service="approvals"} 2`. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function samplesOf(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line)!;
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
      return { name: match[1], labels, value: Number(match[3]) };
    });
}

/** Every metric name seen in any scrape of this file, to hold the alert rules against. */
const scrapedNames = new Set<string>();

async function scrape(url: string): Promise<Sample[]> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  const samples = samplesOf(await response.text());
  for (const sample of samples) scrapedNames.add(sample.name);
  return samples;
}

/** The value of the sample with `name` and (at least) `labels`, or undefined when there is none. */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}

const metricsUrlOf = (app: INestApplication) => app.get(MetricsServer).url!.replace('[::1]', '127.0.0.1');

describe('approvals /metrics', () => {
  // A scaled working day (1 s), so that a stage is overdue three seconds after it opens; the relay
  // off, so that what the service records stays in its outbox for the backlog figures.
  const isolation = createTestIsolation({ APPROVALS_WORKING_DAY_SECONDS: '1', OUTBOX_RELAY_ENABLED: 'false' });
  let world: ApprovalsWorld;
  let metricsUrl: string;

  useApprovalsWorld(isolation, (started) => {
    world = started;
    metricsUrl = metricsUrlOf(world.approvals);
  });

  it('serves process, pool and spine figures labelled with the service', async () => {
    const samples = await scrape(metricsUrl);
    expect(valueOf(samples, 'process_resident_memory_bytes', { service: 'approvals' })).toBeGreaterThan(0);
    expect(valueOf(samples, 'nodejs_eventloop_lag_p99_seconds')).toBeDefined();
    expect(valueOf(samples, METRICS.dbPoolConnections, { service: 'approvals', state: 'total' })).toBeGreaterThan(0);
    expect(valueOf(samples, METRICS.dbPoolMax)).toBeGreaterThan(0);
    expect(valueOf(samples, METRICS.outboxBacklog)).toBe(0);
    expect(valueOf(samples, METRICS.outboxOldestAge)).toBe(0);
    expect(valueOf(samples, METRICS.deadLetters)).toBe(0);
    expect(valueOf(samples, METRICS.parkedAggregates)).toBe(0);
    expect(valueOf(samples, METRICS.inboundEvents, { state: 'pending' })).toBe(0);
    expect(valueOf(samples, METRICS.consumerRunning)).toBe(1);
    expect(valueOf(samples, METRICS.consumerPending)).toBe(0);
    expect(valueOf(samples, METRICS.consumerAckPending)).toBe(0);
  });

  it('counts HTTP requests by route pattern and status', async () => {
    const url = (await world.approvals.getUrl()).replace('[::1]', '127.0.0.1');
    const count = async () =>
      valueOf(await scrape(metricsUrl), `${METRICS.httpRequestDuration}_count`, { method: 'GET', route: '/health', status: '200' }) ?? 0;
    const before = await count();
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect(await count()).toBe(before + 2);
  });

  it('times request/reply handling by pattern when the gateway asks', async () => {
    const count = async () =>
      valueOf(await scrape(metricsUrl), `${METRICS.rpcHandlingDuration}_count`, { pattern: 'approvals.system.ping', outcome: 'ok' }) ?? 0;
    const before = await count();
    expect((await world.gateway.call('GET', '/api/v1/system/ping/approvals')).status).toBe(200);
    expect(await count()).toBe(before + 1);
  });

  it("shows a submitted proposal's stage open, then overdue, and the events waiting in the outbox", async () => {
    await world.submit();
    const opened = await expectEventually(async () => {
      const samples = await scrape(metricsUrl);
      expect(valueOf(samples, METRICS.approvalStagesOpen, { role: 'LURAH' })).toBe(1);
      return samples;
    });
    // The consumer handled the event; what the service recorded waits unpublished (the relay is off).
    expect(valueOf(opened, METRICS.consumerPending)).toBe(0);
    expect(valueOf(opened, METRICS.outboxBacklog)).toBeGreaterThanOrEqual(1);
    await expectEventually(async () => {
      const samples = await scrape(metricsUrl);
      expect(valueOf(samples, METRICS.approvalStagesOverdue, { role: 'LURAH' })).toBe(1);
      expect(valueOf(samples, METRICS.outboxOldestAge)).toBeGreaterThan(0);
    });
  });

  it('counts the handled event by type and version, what the handler recorded, and the timers it set and fired', async () => {
    const submitted = { type: ProposalSubmittedV1.type, version: String(ProposalSubmittedV1.version) };
    const samples = await expectEventually(async () => {
      const samples = await scrape(metricsUrl);
      // Stage timers run on a 1 s working day: the stage's reminder and deadline alarms are due within seconds.
      expect(valueOf(samples, METRICS.timersFired, { queue: 'approval-stage-timers', job: 'deadline' })).toBeGreaterThanOrEqual(1);
      return samples;
    });
    expect(valueOf(samples, METRICS.eventsHandled, submitted)).toBe(1);
    expect(samples.filter((s) => s.name === METRICS.eventsRecorded).reduce((sum, s) => sum + s.value, 0)).toBeGreaterThanOrEqual(1);
    expect(valueOf(samples, METRICS.timersScheduled, { queue: 'approval-stage-timers', job: 'deadline' })).toBeGreaterThanOrEqual(1);
    const lateness = { queue: 'approval-stage-timers', job: 'deadline' };
    expect(valueOf(samples, `${METRICS.timerLateness}_count`, lateness)).toBeGreaterThanOrEqual(1);
    // How late it fired is a figure for the dashboard and its alert, not for a test: the arithmetic is in timer-metrics.spec.
    expect(valueOf(samples, METRICS.eventsFailed, submitted)).toBeUndefined();
  });

  it('counts a malformed event as a dead letter that parks its aggregate', async () => {
    await world.publish(ProposalSubmittedV1, randomUUID(), { title: 'no programme, no chain' });
    await expectEventually(async () => {
      const samples = await scrape(metricsUrl);
      expect(valueOf(samples, METRICS.deadLetters)).toBe(1);
      expect(valueOf(samples, METRICS.parkedAggregates)).toBe(1);
      expect(valueOf(samples, METRICS.eventsFailed, { type: ProposalSubmittedV1.type, outcome: 'dead' })).toBe(1);
    });
  });

  it('counts a message its consumer received only to acknowledge it unread, where its one filter (nats-server 2.9) brought it', async () => {
    const withdrawn = { type: ProposalWithdrawnV1.type, version: String(ProposalWithdrawnV1.version) };
    const samples = await scrape(metricsUrl);
    const ignoredBefore = valueOf(samples, METRICS.eventsIgnored, { service: 'approvals' });
    const withdrawnBefore = valueOf(samples, METRICS.eventsHandled, withdrawn) ?? 0;
    // A proposals event approvals has no handler for, then one it handles: once that is handled, the first was
    // received (2.9: the consumer's one filter is <run's prefix>.proposals.>) or never sent (2.10: one filter per type).
    await world.publish(ProgrammePublishedV1, 'KOTAKU-2026', { note: 'not for approvals' });
    await world.withdraw({ proposalId: randomUUID() });
    const after = await expectEventually(async () => {
      const samples = await scrape(metricsUrl);
      expect(valueOf(samples, METRICS.eventsHandled, withdrawn)).toBe(withdrawnBefore + 1);
      return samples;
    });
    const oneFilterPerConsumer = !filtersOnSeveralSubjects(world.approvals.get(NatsClients).nc);
    expect(valueOf(after, METRICS.eventsIgnored, { service: 'approvals' })).toBe(ignoredBefore! + (oneFilterPerConsumer ? 1 : 0));
  });

  it('answers only /metrics on the metrics port', async () => {
    expect((await fetch(metricsUrl.replace('/metrics', '/health'))).status).toBe(404);
  });
});

describe('notifications /metrics', () => {
  const isolation = createTestIsolation({ NOTIFICATIONS_PORT: '0' });
  let notifications: INestApplication;

  beforeAll(async () => {
    notifications = await createServiceApp(NotificationsModule.forRoot(isolation.env), 'notifications', { rpc: true });
  });

  afterAll(async () => {
    await notifications?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('counts deliveries by channel and status', async () => {
    const url = metricsUrlOf(notifications);
    expect(valueOf(await scrape(url), METRICS.notificationDeliveries, { channel: 'email', status: 'failed' })).toBeUndefined();
    await notifications.get(DataSource).query(
      `INSERT INTO delivery (id, source_id, recipient_user_id, channel, kind, address, subject, body, status, attempts, last_error)
       VALUES ($1, $2, 'lurah-user', 'email', 'stage-opened', 'lurah@example.go.id', 'Usulan baru', '-', 'failed', 5, '550 mailbox unavailable')`,
      [randomUUID(), randomUUID()],
    );
    expect(valueOf(await scrape(url), METRICS.notificationDeliveries, { channel: 'email', status: 'failed' })).toBe(1);
  });
});

describe('the gateway /metrics', () => {
  const isolation = createTestIsolation({ GATEWAY_PORT: '0' });
  let gateway: INestApplication;

  beforeAll(async () => {
    gateway = await createServiceApp(GatewayModule.forRoot(isolation.env), 'gateway', { configure: configureGateway });
  });

  afterAll(async () => {
    await gateway?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('is served on its own port and never through the public HTTP port', async () => {
    const publicUrl = (await gateway.getUrl()).replace('[::1]', '127.0.0.1');
    const metricsUrl = metricsUrlOf(gateway);
    expect(new URL(metricsUrl).port).not.toBe(new URL(publicUrl).port);
    for (const path of ['/metrics', '/api/metrics', '/api/v1/metrics']) {
      const body = await (await fetch(`${publicUrl}${path}`)).text();
      expect(body).not.toContain(METRICS.httpRequestDuration);
    }
    expect((await fetch(`${publicUrl}/health`)).status).toBe(200);
    const samples = await scrape(metricsUrl);
    expect(valueOf(samples, `${METRICS.httpRequestDuration}_count`, { service: 'gateway', route: '/health' })).toBeGreaterThanOrEqual(1);
  });

  it('counts the events it records and its relay publishes, by type and version', async () => {
    const userSaved = { type: UserSavedV1.type, version: String(UserSavedV1.version) };
    const { users } = await seedDemoUsers(gateway.get(DataSource), RegionDirectory.shared(), gateway.get(OutboxService));
    await expectEventually(async () => {
      const samples = await scrape(metricsUrlOf(gateway));
      expect(valueOf(samples, METRICS.eventsRecorded, userSaved)).toBe(users);
      expect(valueOf(samples, METRICS.eventsPublished, userSaved)).toBe(users);
      // The relay's drains, and its pace: between no wait and the ceiling (OUTBOX_DRAIN_SPACING_MS, 50 ms by default).
      expect(valueOf(samples, METRICS.outboxDrains)).toBeGreaterThanOrEqual(1);
      expect(valueOf(samples, METRICS.outboxDrainSpacing)).toBeGreaterThanOrEqual(0);
      expect(valueOf(samples, METRICS.outboxDrainSpacing)).toBeLessThanOrEqual(0.05);
    });
  });

  it('has, across the services scraped above, every metric the alert rules read', () => {
    const rules = readFileSync(join(__dirname, '../../infra/prometheus/alerts.rules.yml'), 'utf8');
    const named = new Set(rules.match(/\balur_[a-z_]+/g));
    expect([...named].filter((name) => !scrapedNames.has(name))).toEqual([]);
  });
});
