import { Backoffs, JobsOptions, Queue } from 'bullmq';
import { BaseEnv } from '@alur/config';
import { NOTIFICATIONS_QUEUE } from '@alur/jobs';
import { NotificationQueue } from './notification-queue';

const BASE_MS = 30_000;
const MAX_ATTEMPTS = 5;
const env = { NOTIFICATIONS_RETRY_BASE_MS: BASE_MS, NOTIFICATIONS_MAX_ATTEMPTS: MAX_ATTEMPTS } as BaseEnv;

/** The waits before attempts 2, 3, … of a job with these options, as BullMQ computes them after each failure. */
function waitsOf(options: JobsOptions, initialDelay = 0): number[] {
  const waits = initialDelay > 0 ? [initialDelay] : [];
  const backoff = Backoffs.normalize(options.backoff!)!;
  // The built-in strategies answer at once; the error and job matter only to custom ones.
  for (let failures = 1; failures < options.attempts!; failures++)
    waits.push(Backoffs.calculate(backoff, failures, new Error(), undefined as never) as number);
  return waits;
}

describe('NotificationQueue.enqueueRetry: the attempts left after a first attempt made without a job', () => {
  it('keeps the back-off of a delivery whose every attempt is a job: base, then twice, four and eight times it', async () => {
    const added: Array<{ name: string; data: unknown; options: JobsOptions }> = [];
    const queue = { add: async (name: string, data: unknown, options: JobsOptions) => void added.push({ name, data, options }) };
    const notifications = new NotificationQueue(env, queue as unknown as Queue);

    await notifications.enqueueRetry({ id: 'delivery-1', retryRound: 2 }, MAX_ATTEMPTS - 1);

    const [{ name, data, options }] = added;
    expect([name, data, options.jobId, options.attempts]).toEqual(['deliver', { deliveryId: 'delivery-1' }, 'delivery-1_r2', 4]);
    const everyAttemptAJob = { ...NOTIFICATIONS_QUEUE.defaultJobOptions(env), attempts: MAX_ATTEMPTS };
    expect(waitsOf(options, options.delay)).toEqual(waitsOf(everyAttemptAJob));
    expect(waitsOf(options, options.delay)).toEqual([BASE_MS, 2 * BASE_MS, 4 * BASE_MS, 8 * BASE_MS]);
  });
});

describe('NotificationQueue.enqueueDeliveries', () => {
  it('gives each job its delivery’s id, versioned per operator retry, and the trace the delivery was created in when it kept one', async () => {
    const added: Array<{ name: string; data: unknown; opts: JobsOptions }> = [];
    const queue = { addBulk: async (jobs: typeof added) => void added.push(...jobs) };
    const notifications = new NotificationQueue(env, queue as unknown as Queue);
    const cause = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };

    await notifications.enqueueDeliveries([
      { id: 'delivery-1', retryRound: 0, cause },
      { id: 'delivery-2', retryRound: 1 },
    ]);

    expect(added.map(({ name, data, opts }) => [name, data, opts.jobId])).toEqual([
      ['deliver', { deliveryId: 'delivery-1', trace: cause }, 'delivery-1'],
      ['deliver', { deliveryId: 'delivery-2' }, 'delivery-2_r1'],
    ]);
  });
});
