import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { APP_ENV, BaseEnv, redisOptionsOf } from '@alur/config';
import { TimerMetrics } from '@alur/metrics';
import { inSpan, jobSpanOptions, tracingEnabled } from '@alur/observability';
import { RunReminderDigestUseCase } from '../digest/run-reminder-digest.use-case';
import { DeliverNotificationUseCase } from './deliver-notification.use-case';
import { DeliverJobData, NOTIFICATION_JOBS, NOTIFICATIONS_QUEUE, NotificationQueue } from './notification-queue';

const CONCURRENCY = 10;

/** Works the notifications queue: deliveries, and the daily digest its scheduler starts. */
@Injectable()
export class NotificationWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationWorker.name);
  private worker?: Worker;
  private connection?: Redis;

  constructor(
    @Inject(APP_ENV) private readonly env: BaseEnv,
    private readonly queue: NotificationQueue,
    private readonly deliver: DeliverNotificationUseCase,
    private readonly digest: RunReminderDigestUseCase,
    @Optional() private readonly metrics?: TimerMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.scheduleDigest();
    this.connection = new Redis(redisOptionsOf(this.env, { maxRetriesPerRequest: null }));
    this.worker = new Worker(NOTIFICATIONS_QUEUE, (job) => this.process(job), {
      connection: this.connection,
      prefix: this.env.QUEUE_PREFIX,
      concurrency: CONCURRENCY,
    });
    this.worker.on('error', (error) => this.logger.warn({ err: error }, 'Notification worker error'));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    this.connection?.disconnect();
  }

  private async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case NOTIFICATION_JOBS.deliver: {
        const { deliveryId, trace } = job.data as DeliverJobData;
        const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        if (!tracingEnabled()) return this.deliver.execute(deliveryId, last);
        const span = jobSpanOptions(trace, 'child', { 'alur.delivery': deliveryId, 'alur.attempt': job.attemptsMade + 1 });
        return inSpan(`job ${job.name}`, span, () => this.deliver.execute(deliveryId, last));
      }
      case NOTIFICATION_JOBS.digest:
        this.metrics?.fired(NOTIFICATIONS_QUEUE, job);
        return this.digest.run(new Date());
      default:
        throw new UnrecoverableError(`The notifications queue has no job named ${job.name}`);
    }
  }
}
