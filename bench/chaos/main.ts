import 'reflect-metadata';
import { writeResults } from '../shared/bench-results';
import { chaosOptionsFromEnv, runChaos } from './run-chaos';

/*
 * npm run chaos: whole grant lifecycles through the public API while the run's own services are
 * killed and restarted, its Redis keys lost, its PostgreSQL connections terminated and its NATS
 * connections cut; then one line per check. Exits non-zero when any check fails. Knobs: CHAOS_*.
 */
async function main(): Promise<boolean> {
  const report = await runChaos(chaosOptionsFromEnv());
  console.log('');
  for (const [i, check] of report.checks.entries()) {
    console.log(`${i + 1}. ${check.passed ? 'PASS' : 'FAIL'} ${check.name}: ${check.summary}`);
    for (const example of check.examples ?? []) console.log(`     ${JSON.stringify(example)}`);
  }
  console.log(`results: ${writeResults('chaos', report, new Date(report.startedAt))}`);
  return report.passed;
}

main().then(
  (passed) => process.exit(passed ? 0 : 1),
  (error: unknown) => {
    console.error(`chaos failed: ${(error as Error).stack ?? error}`);
    process.exit(1);
  },
);
