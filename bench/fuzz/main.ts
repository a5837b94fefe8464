import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { DataSource } from 'typeorm';
import { OutboxService } from '@alur/messaging';
import { createServiceApp } from '@alur/platform';
import { RegionDirectory } from '@alur/regions';
import { createTestIsolation, removeTestResources, TEST_RUN_ENV } from '@alur/testing';
import { GatewayModule } from '../../apps/gateway/src/gateway.module';
import { configureGateway } from '../../apps/gateway/src/http/configure-gateway';
import { DEMO_PASSWORD } from '../../apps/gateway/src/seed/demo-users';
import { seedDemoUsers } from '../../apps/gateway/src/seed/seed-demo-users';
import { ProposalsModule } from '../../apps/proposals/src/proposals.module';
import { DEMO_KOTAKU } from '../../apps/proposals/src/seed/demo-programmes';
import { seedDemoProgrammes } from '../../apps/proposals/src/seed/seed-demo-programmes';
import { machineOf, round, writeResults } from '../shared/bench-results';
import { fuzzCases, runFuzz } from './request-fuzz';

/**
 * npm run fuzz: FUZZ_REQUESTS (10,000) generated bad requests against the gateway and the proposals
 * service, started as in production (createServiceApp) on their own isolation; FUZZ_SEED replays a run.
 * Prints the figures and writes them to bench/results/fuzz-*.json; exits 1 on any failure.
 */
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

const VALID_PROPOSAL = {
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
};

async function main(): Promise<void> {
  process.env[TEST_RUN_ENV] ??= 'fuzz';
  const isolation = createTestIsolation({ LOG_LEVEL: 'silent', PROPOSALS_PORT: '0', GATEWAY_PORT: '0', METRICS_PORT: '0' });
  const env = isolation.env;
  const startedAt = new Date();
  const loadBefore = loadavg();
  const proposals = await createServiceApp(ProposalsModule.forRoot(env), 'proposals', { rpc: true });
  const gateway = await createServiceApp(GatewayModule.forRoot(env), 'gateway', { configure: configureGateway });
  try {
    await seedDemoProgrammes(proposals.get(DataSource), { NODE_ENV: 'test', NATS_SUBJECT_PREFIX: env.NATS_SUBJECT_PREFIX!, DB_SCHEMA_PREFIX: env.DB_SCHEMA_PREFIX! });
    await seedDemoUsers(gateway.get(DataSource), RegionDirectory.shared(), gateway.get(OutboxService));
    const url = `http://127.0.0.1:${new URL(await gateway.getUrl()).port}`;
    const tokenOf = async (username: string) => {
      const response = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
      return ((await response.json()) as { accessToken: string }).accessToken;
    };
    const bkmToken = await tokenOf('bkm.14.03.09.1004');
    const adminToken = await tokenOf('admin');
    const created = await fetch(`${url}/api/v1/proposals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bkmToken}` },
      body: JSON.stringify(VALID_PROPOSAL),
    });
    const draft = (await created.json()) as { id: string };
    const target = { url, bkmToken, adminToken, draftId: draft.id, validProposal: VALID_PROPOSAL };

    console.log(`fuzz: ${REQUESTS} generated bad requests, seed ${SEED}`);
    const began = performance.now();
    const report = await runFuzz(target, fuzzCases(target, REQUESTS, SEED), (done) => {
      if (done % 500 === 0) console.log(`  ${done} sent`);
    });
    const seconds = (performance.now() - began) / 1000;
    const summary = {
      requests: report.requests,
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
    const file = writeResults('fuzz', { startedAt: startedAt.toISOString(), ...summary, byStatus: report.byStatus, byOperation: report.byOperation, failures: report.failures, machine: machineOf(loadBefore) }, startedAt);
    console.log(`results: ${file}`);
    process.exitCode = report.failures.length ? 1 : 0;
  } finally {
    await gateway.close();
    await proposals.close();
    await removeTestResources(isolation.id, env);
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
