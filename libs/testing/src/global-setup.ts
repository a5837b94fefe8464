import { randomBytes } from 'node:crypto';
import { TEST_RUN_ENV } from './test-isolation';

/** Gives this run an id that every test's schemas, streams and queues start with. */
export default async function globalSetup(): Promise<void> {
  process.env[TEST_RUN_ENV] ??= randomBytes(2).toString('hex');
}
