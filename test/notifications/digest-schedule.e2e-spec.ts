import { Redis } from 'ioredis';
import { createTestIsolation, removeTestResources } from '@alur/testing';
import { DeliveryReconciler } from '../../apps/notifications/src/delivery/delivery-reconciler.service';
import { DIGEST_SCHEDULER, NotificationQueue } from '../../apps/notifications/src/delivery/notification-queue';
import { RunningNotifications, startNotifications } from './notifications-harness';

describe('the daily reminder digest’s scheduler', () => {
  const isolation = createTestIsolation();
  let service: RunningNotifications;
  let queue: NotificationQueue;

  beforeAll(async () => {
    service = await startNotifications(isolation);
    queue = service.app.get(NotificationQueue);
  });

  afterAll(async () => {
    await service?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('retries a failed digest run with back-off', async () => {
    const scheduler = await queue.queue.getJobScheduler(DIGEST_SCHEDULER);
    expect(scheduler).toMatchObject({ pattern: '0 7 * * *', tz: 'Asia/Jakarta' });
    expect(scheduler!.template?.opts).toMatchObject({ attempts: expect.any(Number), backoff: { type: 'exponential' } });
    expect(scheduler!.template!.opts!.attempts).toBeGreaterThan(1);
  });

  it('comes back after Redis lost its keys, and is left alone while it is there', async () => {
    const reconciler = service.app.get(DeliveryReconciler);
    expect(await reconciler.restoreDigestSchedule()).toBe(false);

    // Redis loses this run's keys (only ours: the server is shared).
    const redis = new Redis(isolation.env.REDIS_URL!);
    try {
      await redis.eval(
        `for _, key in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', key) end`,
        0,
        `${isolation.env.QUEUE_PREFIX}:*`,
      );
    } finally {
      redis.disconnect();
    }
    expect(await queue.queue.getJobScheduler(DIGEST_SCHEDULER)).toBeUndefined();

    expect(await reconciler.restoreDigestSchedule()).toBe(true);
    const scheduler = await queue.queue.getJobScheduler(DIGEST_SCHEDULER);
    expect(scheduler).toMatchObject({ pattern: '0 7 * * *', tz: 'Asia/Jakarta' });
    expect(await queue.queue.getJob(`repeat:${DIGEST_SCHEDULER}:${scheduler!.next}`)).toBeDefined();
    expect(await reconciler.restoreDigestSchedule()).toBe(false);
  });
});
