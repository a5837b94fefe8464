import { randomBytes } from 'node:crypto';

/**
 * The names one test uses for its data: its own schemas, stream, subjects and queues, so that runs
 * (and test files inside a run) cannot see each other.
 */
export interface TestIsolation {
  id: string;
  env: NodeJS.ProcessEnv;
}

export const TEST_RUN_ENV = 'ALUR_TEST_RUN';

export function createTestIsolation(overrides: NodeJS.ProcessEnv = {}): TestIsolation {
  const run = process.env[TEST_RUN_ENV] ?? 'adhoc';
  const id = `t${run}${randomBytes(3).toString('hex')}`;
  return {
    id,
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/alur_test',
      NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      DB_SCHEMA_PREFIX: `${id}_`,
      NATS_STREAM: id.toUpperCase(),
      NATS_SUBJECT_PREFIX: id,
      QUEUE_PREFIX: id,
      CONSUMER_RETRY_BASE_MS: '50',
      CONSUMER_ACK_WAIT_MS: '2000',
      OUTBOX_POLL_INTERVAL_MS: '200',
      // Tests check what the system does, not how fast: on a loaded 2-core CI machine a service can take
      // longer than production's 5 s to answer, and a 504 there would fail a test for the wrong reason.
      RPC_TIMEOUT_MS: '20000',
      // The same for /health: a probe that waits 1.5 s for a ping reads a saturated machine as a failed dependency.
      HEALTH_CHECK_TIMEOUT_MS: '10000',
      // Two test files run at once, each starting several services of up to 10 connections, against one PostgreSQL
      // (max_connections 100 by default): a service's idle connections go back after 10 s (pg's own default),
      // not production's 5 minutes, or a file's pools keep what they once needed and the next file is refused.
      DB_POOL_IDLE_TIMEOUT_MS: '10000',
      // No mail server unless the test starts its own (a MailCatcher on a free port): the default, 1025, is where
      // `npm start`'s demo catcher listens, and a run's e-mails landed in the demo's inbox. Port 1 refuses at once.
      SMTP_URL: 'smtp://127.0.0.1:1',
      ...overrides,
    },
  };
}
