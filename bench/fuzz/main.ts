import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { TEST_RUN_ENV } from '@alur/testing';
import { DEMO_PASSWORD } from '../../apps/gateway/src/seed/demo-users';
import { DEMO_KOTAKU } from '../../apps/proposals/src/seed/demo-programmes';
import { demoPayeeAccount } from '../../apps/proposals/src/seed/demo-payee-accounts';
import { machineOf, round, writeResults } from '../shared/bench-results';
import { startSystem } from '../shared/running-system';
import { assignCallers, CALLER_ORDER, fuzzCases, loginCallers, operationsOf, runFuzz } from './request-fuzz';

/**
 * npm run fuzz: FUZZ_REQUESTS (10,000) generated bad requests against every operation of the gateway's
 * OpenAPI document (generated from the request contracts), with the five services started as
 * separate processes as in production, on their own isolation; FUZZ_SEED replays a run.
 * Prints the figures and writes them to bench/results/fuzz-*.json; exits 1 on any failure.
 */
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

/** A complete KOTAKU draft, the template the bad proposal bodies are made from. */
export const VALID_PROPOSAL = {
  programCode: DEMO_KOTAKU,
  villageCode: '14.03.09.1004',
  title: 'Semenisasi Jalan Gang Damai',
  category: 'INFRASTRUCTURE',
  description: 'Semenisasi jalan lingkungan sepanjang 200 m di RT 03',
  executorGroup: 'KSM Maju Bersama',
  beneficiaries: { households: 120, poorHouseholds: 45 },
  budgetItems: [
    { description: 'Semen 50 kg', quantity: 500, unit: 'sak', unitPrice: 80_000 },
    { description: 'Pasir', quantity: 120.5, unit: 'm3', unitPrice: 400_000 },
  ],
  selfHelpAmount: 5_000_000,
  payeeAccount: demoPayeeAccount('14.03.09.1004'),
};

async function main(): Promise<void> {
  process.env[TEST_RUN_ENV] ??= 'fuzz';
  const startedAt = new Date();
  const loadBefore = loadavg();
  const system = await startSystem('fuzz');
  try {
    const url = system.url;
    const tokens = await loginCallers(url, DEMO_PASSWORD);
    const created = await fetch(`${url}/api/v1/proposals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.bkm}` },
      body: JSON.stringify(VALID_PROPOSAL),
    });
    const draft = (await created.json()) as { id: string };
    const target = {
      url,
      tokens,
      ids: { default: draft.id },
      draftId: draft.id,
      validBodies: { 'POST /api/v1/proposals': VALID_PROPOSAL },
    };
    const operations = await assignCallers(target, await operationsOf(url), CALLER_ORDER);

    console.log(`fuzz: ${REQUESTS} generated bad requests over ${operations.length} operations, seed ${SEED}`);
    const began = performance.now();
    const report = await runFuzz(target, fuzzCases(target, operations, REQUESTS, SEED), (done) => {
      if (done % 500 === 0) console.log(`  ${done} sent`);
    });
    const seconds = (performance.now() - began) / 1000;
    const summary = {
      requests: report.requests,
      operations: report.operations,
      seed: SEED,
      seconds: round(seconds),
      requestsPerSecond: round(report.requests / seconds),
      serverErrors: report.serverErrors,
      noAnswer: report.noAnswer,
      badRequestsWithoutField: report.badRequestsWithoutField,
      partialWrites: report.partialWrites,
    };
    console.table(summary);
    console.log('by status', report.byStatus);
    for (const failure of report.failures.slice(0, 10)) console.log('FAILED', failure);
    const file = writeResults(
      'fuzz',
      {
        startedAt: startedAt.toISOString(),
        ...summary,
        byStatus: report.byStatus,
        byOperation: report.byOperation,
        callers: Object.fromEntries(operations.map((o) => [o.name, o.who ?? 'anonymous'])),
        failures: report.failures,
        machine: machineOf(loadBefore),
      },
      startedAt,
    );
    console.log(`results: ${file}`);
    process.exitCode = report.failures.length ? 1 : 0;
  } finally {
    await system.stop();
    // Its database, stream and queues go with it, as every other bench's do.
    if (!process.env.KEEP_BENCH_DATA) await system.remove();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
