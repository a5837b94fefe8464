import { declareQueue, QueueDeclaration } from './queue-declaration';

/**
 * The alarms of stage timers (approvals): reminders before and after a stage's deadline, and the
 * deadline itself. An alarm only wakes the service; the database decides what the timer still means.
 */
export const STAGE_TIMERS_QUEUE = declareQueue({
  name: 'approval-stage-timers',
  owner: 'approvals',
  description: 'Stage timers of approvals: reminders and deadlines (escalation)',
  // Named after the timer's kind (TimerKind).
  jobs: { REMINDER_BEFORE: 'reminder-before', DEADLINE: 'deadline', REMINDER_AFTER: 'reminder-after' },
  // Enough to keep many due alarms within a second of their time; each holds a database connection briefly.
  concurrency: 16,
  defaultJobOptions: () => ({
    // Enough retries to ride out a database restart; after that the job goes and the reconciler sets it again.
    attempts: 8,
    backoff: { type: 'exponential', delay: 1000 },
    // Kept for operators to look at in Bull Board; the database keeps the lasting record.
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: true,
  }),
});

/**
 * The deliveries of the notifications service (e-mail, SMS/WhatsApp), and the daily reminder digest
 * its job scheduler starts. The delivery log is the truth; the queue is the timer, with retries.
 */
export const NOTIFICATIONS_QUEUE = declareQueue({
  name: 'notifications',
  owner: 'notifications',
  description: 'Notification deliveries (e-mail, SMS/WhatsApp) and the daily reminder digest',
  jobs: { deliver: 'deliver', digest: 'send-digest' },
  // Room for the deliveries that wait together for one claim statement (DELIVERY_BATCH_WINDOW_MS); the
  // SMTP pool still sends on at most 5 connections.
  concurrency: 25,
  // A delivery's; the digest's scheduler sets its own.
  defaultJobOptions: (env) => ({
    attempts: env.NOTIFICATIONS_MAX_ATTEMPTS,
    backoff: { type: 'exponential', delay: env.NOTIFICATIONS_RETRY_BASE_MS },
    // Kept a while after finishing, so that a re-enqueue of the same id within that time is ignored.
    removeOnComplete: { age: 24 * 3600 },
    removeOnFail: { age: 7 * 24 * 3600 },
  }),
});

/** Every queue of Alur: what the gateway's Bull Board shows. A new queue is declared above and listed here. */
export const DECLARED_QUEUES: readonly QueueDeclaration[] = [STAGE_TIMERS_QUEUE, NOTIFICATIONS_QUEUE];
