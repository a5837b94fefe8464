// REDIS_SENTINELS: a service's Redis connections (BullMQ here, built by redisOptionsOf as the approvals
// and notifications services build theirs) find the master through a real Redis Sentinel. The sentinel
// runs on a free port and watches the shared local Redis (127.0.0.1:6379), which it is never told to
// change: one sentinel, no replicas, so it can never fail over.
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Job, Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { baseEnvSchema, parseEnv, redisOptionsOf } from '@alur/config';
import { createTestIsolation, expectEventually, freePort, removeTestResources } from '@alur/testing';

describe('Redis through Sentinel (REDIS_SENTINELS)', () => {
  const isolation = createTestIsolation();
  const masterName = `alur_${isolation.id}`;
  const dir = mkdtempSync(join(tmpdir(), 'alur-sentinel-'));
  let sentinel: ChildProcess;
  let sentinelPort: number;

  beforeAll(async () => {
    sentinelPort = await freePort();
    const config = join(dir, 'sentinel.conf');
    writeFileSync(
      config,
      [
        `port ${sentinelPort}`,
        'bind 127.0.0.1',
        `dir ${dir}`,
        `sentinel monitor ${masterName} 127.0.0.1 6379 1`,
        `sentinel down-after-milliseconds ${masterName} 60000`,
        '',
      ].join('\n'),
    );
    sentinel = spawn('redis-server', [config, '--sentinel'], { stdio: 'ignore' });
    const probe = new Redis({ host: '127.0.0.1', port: sentinelPort, lazyConnect: true, retryStrategy: () => 100 });
    try {
      await expectEventually(async () => {
        expect(await probe.call('SENTINEL', 'get-master-addr-by-name', masterName)).toEqual(['127.0.0.1', '6379']);
      });
    } finally {
      probe.disconnect();
    }
  });

  afterAll(async () => {
    sentinel?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
    await removeTestResources(isolation.id, isolation.env);
  });

  it("carries a BullMQ queue and worker to the sentinel's master, whatever host REDIS_URL names", async () => {
    // REDIS_URL's host cannot be reached: only the sentinel can have told the clients where the master is.
    const env = parseEnv(baseEnvSchema, {
      ...isolation.env,
      REDIS_URL: 'redis://unreachable.invalid:1/0',
      REDIS_SENTINELS: `127.0.0.1:${sentinelPort}`,
      REDIS_SENTINEL_NAME: masterName,
    });
    const queueName = 'sentinel-check';
    const queue = new Queue(queueName, { connection: redisOptionsOf(env), prefix: env.QUEUE_PREFIX });
    const events = new QueueEvents(queueName, { connection: redisOptionsOf(env), prefix: env.QUEUE_PREFIX });
    const worker = new Worker(queueName, async (job: Job<{ n: number }>) => job.data.n * 2, {
      connection: redisOptionsOf(env, { maxRetriesPerRequest: null }),
      prefix: env.QUEUE_PREFIX,
    });
    try {
      await events.waitUntilReady();
      const job = await queue.add('double', { n: 21 });
      expect(await job.waitUntilFinished(events, 30_000)).toBe(42);
      // The job is in the shared Redis on 6379, under this test's prefix.
      const direct = new Redis(isolation.env.REDIS_URL!);
      try {
        expect(await direct.exists(`${env.QUEUE_PREFIX}:${queueName}:${job.id}`)).toBe(1);
      } finally {
        direct.disconnect();
      }
    } finally {
      await worker.close();
      await events.close();
      await queue.close();
    }
  });
});
