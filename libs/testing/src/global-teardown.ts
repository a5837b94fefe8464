import { removeTestResources } from './test-resources';
import { TEST_RUN_ENV } from './test-isolation';

/** Removes what this run left behind, unless KEEP_TEST_DATA is set for a post-mortem. */
export default async function globalTeardown(): Promise<void> {
  if (process.env.KEEP_TEST_DATA) return;
  await removeTestResources(`t${process.env[TEST_RUN_ENV]}`);
}
