import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { INestApplication, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern } from '@nestjs/microservices';
import { PrefixedNatsServer } from '@alur/messaging';
import { createServiceApp } from '@alur/platform';
import { createTestIsolation, expectEventually, removeTestResources } from '@alur/testing';
import { ApprovalsModule } from '../../apps/approvals/src/approvals.module';
import { DisbursementsModule } from '../../apps/disbursements/src/disbursements.module';
import { GatewayModule } from '../../apps/gateway/src/gateway.module';
import { NotificationsModule } from '../../apps/notifications/src/notifications.module';
import { ProposalsModule } from '../../apps/proposals/src/proposals.module';

interface HealthBody {
  status: string;
  details: Record<string, { status: string } | undefined>;
}

const ports = { GATEWAY_PORT: '0', PROPOSALS_PORT: '0', APPROVALS_PORT: '0', DISBURSEMENTS_PORT: '0', NOTIFICATIONS_PORT: '0' };

describe('the five services', () => {
  const isolation = createTestIsolation({ ...ports, RPC_TIMEOUT_MS: '700' });
  const apps: Record<string, INestApplication> = {};
  const urls: Record<string, string> = {};

  beforeAll(async () => {
    Object.assign(process.env, isolation.env);
    const modules = {
      proposals: ProposalsModule,
      approvals: ApprovalsModule,
      disbursements: DisbursementsModule,
      notifications: NotificationsModule,
    } as const;
    for (const [service, module] of Object.entries(modules)) {
      apps[service] = await createServiceApp(module, service as keyof typeof modules, { rpc: true });
    }
    apps.gateway = await createServiceApp(GatewayModule, 'gateway');
    for (const [service, app] of Object.entries(apps)) urls[service] = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    for (const app of Object.values(apps)) await app.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  it.each(['gateway', 'proposals', 'approvals', 'disbursements', 'notifications'])(
    '%s answers GET /health with its database and NATS up',
    async (service) => {
      const response = await fetch(`${urls[service]}/health`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as HealthBody;
      expect(body.status).toBe('ok');
      expect(body.details.database?.status).toBe('up');
      expect(body.details.nats?.status).toBe('up');
      // Only the services that keep BullMQ queues depend on Redis.
      expect(body.details.redis?.status).toBe(['approvals', 'notifications'].includes(service) ? 'up' : undefined);
    },
  );

  it('lets the gateway reach every domain service by NATS request/reply', async () => {
    // As an operator would, asked again while a ping of the busy machine misses its 2 s.
    await expectEventually(
      async () => {
        const response = await fetch(`${urls.gateway}/api/v1/system/status`);
        expect(response.status).toBe(200);
        const { services } = (await response.json()) as { services: Array<{ service: string; up: boolean }> };
        expect(services.map((s) => [s.service, s.up])).toEqual([
          ['proposals', true],
          ['approvals', true],
          ['disbursements', true],
          ['notifications', true],
        ]);
      },
      { timeoutMs: 30_000 },
    );
  });

  it('answers 503 when a service is not running', async () => {
    await apps.disbursements.close();
    delete apps.disbursements;
    const response = await fetch(`${urls.gateway}/api/v1/system/ping/disbursements`);
    expect(response.status).toBe(503);
    expect(((await response.json()) as { message: string }).message).toBe('the disbursements service is not available');
  });

  it('answers 504 when a service does not answer in time', async () => {
    await apps.approvals.close();
    delete apps.approvals;

    // A stand-in approvals service that takes longer than RPC_TIMEOUT_MS (700 ms) to answer.
    @Injectable()
    class SlowPing {
      @MessagePattern('approvals.system.ping')
      async ping() {
        await new Promise((resolve) => setTimeout(resolve, 2000));
        return { service: 'approvals' };
      }
    }
    @Module({ providers: [SlowPing], controllers: [SlowPing] })
    class SlowModule {}
    const slow = await NestFactory.createMicroservice(SlowModule, {
      strategy: new PrefixedNatsServer(isolation.env.NATS_SUBJECT_PREFIX!, { servers: isolation.env.NATS_URL, queue: 'approvals' }),
      logger: false,
    });
    await slow.listen();
    try {
      // A 504 rather than the late 200: the gateway stopped waiting before the answer came.
      const response = await fetch(`${urls.gateway}/api/v1/system/ping/approvals`);
      expect(response.status).toBe(504);
      expect(((await response.json()) as { message: string }).message).toBe('the approvals service did not answer within 700 ms');
    } finally {
      await slow.close();
    }
  });
});

describe('configuration', () => {
  it('stops a service at start-up with a message naming each bad variable', async () => {
    const main = join(__dirname, '../../dist/apps/proposals/src/main.js');
    const child = spawn(process.execPath, [main], {
      env: { ...process.env, DATABASE_URL: 'mysql://127.0.0.1/alur', PROPOSALS_PORT: 'eighty' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('proposals: Invalid configuration:');
    expect(stderr).toContain('DATABASE_URL: must be a URL starting with postgres:// or postgresql://');
    expect(stderr).toMatch(/PROPOSALS_PORT: .*number/);
  });
});
