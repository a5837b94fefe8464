import { Optional } from '@nestjs/common';
import { Job } from 'bullmq';
import { NOTIFICATIONS_QUEUE, ProcessJobs } from '@alur/jobs';
import { TimerMetrics } from '@alur/metrics';
import { inSpan, jobSpanOptions, tracingEnabled } from '@alur/observability';
import { RunReminderDigestUseCase } from '../digest/use-cases/run-reminder-digest.use-case';
import { DeliverNotificationUseCase } from './use-cases/deliver-notification.use-case';
import { DeliverJobData, NOTIFICATION_JOBS } from './notification-queue';

/** Works the notifications queue: deliveries, and the daily digest its scheduler starts. */
@ProcessJobs(NOTIFICATIONS_QUEUE)
export class NotificationProcessor {
  constructor(
    private readonly deliver: DeliverNotificationUseCase,
    private readonly digest: RunReminderDigestUseCase,
    @Optional() private readonly metrics?: TimerMetrics,
  ) {}

  // A job under a name the queue does not declare never gets here (JobsModule fails it without retry).
  async process(job: Job): Promise<unknown> {
    if (job.name === NOTIFICATION_JOBS.digest) {
      this.metrics?.fired(NOTIFICATIONS_QUEUE.name, job);
      return this.digest.run(new Date());
    }
    const { deliveryId, trace } = job.data as DeliverJobData;
    const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (!tracingEnabled()) return this.deliver.execute(deliveryId, last);
    const span = jobSpanOptions(trace, 'child', { 'alur.delivery': deliveryId, 'alur.attempt': job.attemptsMade + 1 });
    return inSpan(`job ${job.name}`, span, () => this.deliver.execute(deliveryId, last));
  }
}
