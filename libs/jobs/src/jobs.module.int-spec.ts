import { Test, TestingModule } from '@nestjs/testing';
import { Job, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { AlurConfigModule } from '@alur/config';
import { createTestIsolation, expectEventually, removeTestResources } from '@alur/testing';
import { jobQueueToken } from './inject-job-queue.decorator';
import { JobsModule } from './jobs.module';
import { ProcessJobs } from './process-jobs.decorator';
import { declareQueue, QueueDeclaration } from './queue-declaration';
import { NOTIFICATIONS_QUEUE, STAGE_TIMERS_QUEUE } from './queues';

const CHECK_QUEUE = declareQueue({
  name: 'jobs-module-check',
  owner: 'approvals',
  description: 'A queue of this test',
  jobs: { ping: 'ping' },
  concurrency: 2,
  defaultJobOptions: () => ({ attempts: 3, backoff: { type: 'fixed', delay: 10 } }),
});

const seen: Job[] = [];

@ProcessJobs(CHECK_QUEUE)
class CheckProcessor {
  async process(job: Job): Promise<string> {
    seen.push(job);
    return `pong ${job.data.n}`;
  }
}

@ProcessJobs(NOTIFICATIONS_QUEUE)
class StrayProcessor {
  async process(): Promise<void> {}
}

describe('JobsModule', () => {
  const isolation = createTestIsolation();
  let running: TestingModule | undefined;

  async function start(queues: QueueDeclaration[], processors: Array<new (...args: never[]) => unknown>): Promise<TestingModule> {
    const moduleRef = await Test.createTestingModule({
      imports: [AlurConfigModule.forService('approvals', { env: isolation.env }), JobsModule.forQueues(...queues)],
      providers: processors,
    }).compile();
    moduleRef.enableShutdownHooks();
    running = moduleRef;
    await moduleRef.init();
    return moduleRef;
  }

  afterEach(async () => {
    await running?.close();
    running = undefined;
  });
  afterAll(() => removeTestResources(isolation.id, isolation.env));

  it('stops start-up when a registered queue has no processor, naming the queue', async () => {
    await expect(start([CHECK_QUEUE], [])).rejects.toThrow(
      'The approvals service cannot start its jobs:\n- the jobs-module-check queue has no processor: add a provider decorated @ProcessJobs(<its declaration>) with a process(job) method',
    );
  });

  it('stops start-up on a processor of a queue the service does not register, or a queue another service owns', async () => {
    await expect(start([CHECK_QUEUE], [CheckProcessor, StrayProcessor])).rejects.toThrow(
      /StrayProcessor processes the notifications queue, which this service does not register/,
    );
    await expect(start([NOTIFICATIONS_QUEUE], [StrayProcessor])).rejects.toThrow(
      /the notifications queue belongs to notifications, not approvals/,
    );
  });

  it('hands every job of a registered queue to its processor, with the declared defaults, under the isolation’s prefix', async () => {
    const app = await start([CHECK_QUEUE], [CheckProcessor]);
    const queue = app.get<Queue>(jobQueueToken(CHECK_QUEUE));
    await queue.add(CHECK_QUEUE.jobs.ping, { n: 1 }, { jobId: 'ping_1', delay: 60_000 });
    const redis = new Redis(isolation.env.REDIS_URL!);
    try {
      // A test file's queues live under its own prefix, apart from every other file's and deployment's.
      expect(await redis.exists(`${isolation.env.QUEUE_PREFIX}:${CHECK_QUEUE.name}:ping_1`)).toBe(1);
    } finally {
      redis.disconnect();
    }
    await (await queue.getJob('ping_1'))!.promote();
    // The state is read before the job: a job read first could still hold the hash from before it finished.
    const done = await expectEventually(async () => {
      expect(await queue.getJobState('ping_1')).toBe('completed');
      return (await queue.getJob('ping_1'))!;
    });
    expect(done.returnvalue).toBe('pong 1');
    expect(seen.map((job) => job.opts)).toEqual([expect.objectContaining({ attempts: 3, backoff: { type: 'fixed', delay: 10 } })]);

    // A job under a name the queue does not declare fails at once, without retries, and never reaches the processor.
    await queue.add('pong', { n: 2 }, { jobId: 'pong_2' });
    const failed = await expectEventually(async () => {
      expect(await queue.getJobState('pong_2')).toBe('failed');
      return (await queue.getJob('pong_2'))!;
    });
    expect(failed.failedReason).toBe('The jobs-module-check queue has no job named pong');
    expect(failed.attemptsMade).toBe(1);
    expect(seen).toHaveLength(1);
  });

  it('declares the stage timers’ and deliveries’ options as the services set them before', () => {
    const env = { NOTIFICATIONS_MAX_ATTEMPTS: 5, NOTIFICATIONS_RETRY_BASE_MS: 30_000 } as Parameters<
      QueueDeclaration['defaultJobOptions']
    >[0];
    expect(STAGE_TIMERS_QUEUE.defaultJobOptions(env)).toEqual({
      attempts: 8,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: true,
    });
    expect(NOTIFICATIONS_QUEUE.defaultJobOptions(env)).toEqual({
      attempts: 5,
      backoff: { type: 'exponential', delay: 30_000 },
      removeOnComplete: { age: 24 * 3600 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
    expect([STAGE_TIMERS_QUEUE.concurrency, NOTIFICATIONS_QUEUE.concurrency]).toEqual([16, 25]);
  });
});
