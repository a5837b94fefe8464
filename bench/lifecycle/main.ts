import 'reflect-metadata';
import { loadavg } from 'node:os';
import { machineOf, percentile, round, sleep, writeResults } from '../shared/bench-results';
import { CostReport, describeMachine, netOfIdle } from '../shared/cost-meter';
import { runLifecycles } from '../shared/lifecycle-driver';
import { NATS_TRAFFIC_KINDS } from '../shared/nats-traffic';
import { runPgbench } from '../shared/pgbench';
import { ProgressBar } from '../shared/progress-bar';
import { describeUpkeep, PostgresUpkeep } from '../shared/autovacuum-stand-in';
import { withRegencyBench } from '../shared/regency-bench';
import { SERVICES } from '../shared/running-system';
import { servicesRss, ServicesRss } from '../shared/service-memory';
import { waitSettled } from '../shared/spine-backlog';

/*
 * npm run bench:lifecycle: whole grant lifecycles through the public HTTP API against the five
 * services running as separate processes, each lifecycle a BKM creating and submitting a proposal,
 * Lurah, Camat, Dinas, Sekda and Bupati approving it from their inboxes, and BPKAD releasing its
 * first tranche. Every knob comes from the environment (BENCH_*).
 */
const int = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const LIFECYCLES = int('BENCH_LIFECYCLES', 300);
/** Lifecycles in flight at once: BKMs waiting for their first tranche. */
const CONCURRENCY = int('BENCH_CONCURRENCY', 100);
/** The BKMs start over this long rather than all in the same second. */
const RAMP_MS = int('BENCH_RAMP_S', 20) * 1000;
/**
 * Lifecycles run before the measured ones, so that the services are measured as they run for days: warm.
 * After 20, V8 was still optimising their code (TurboFan was 13% of the services' CPU by `perf`), and 150
 * lifecycles measured 354 ms of CPU each against 261 and 266 after 300.
 */
const WARM_UP = int('BENCH_WARM_UP', 300);
/**
 * How long after being told of a task an official sees it: the web console refreshes its
 * notifications every 15 s, so on average half of that; also how often they look again while a task
 * they were told of has not shown up yet.
 */
const LOOK_MS = int('BENCH_LOOK_MS', 7_500);
const LIFECYCLE_TIMEOUT_MS = int('BENCH_LIFECYCLE_TIMEOUT_S', 300) * 1000;
const PGBENCH_SECONDS = int('BENCH_PGBENCH_SECONDS', 15);
const IDLE_SECONDS = int('BENCH_IDLE_S', 15);

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadBefore = loadavg();
  console.log(
    `lifecycle bench: ${LIFECYCLES} lifecycles at concurrency ${CONCURRENCY} (warm-up ${WARM_UP}), officials look again every ${LOOK_MS / 1000} s after being told of a task`,
  );
  await withRegencyBench('lifecycle', async ({ system, api, tracker, people, meter, backlog, upkeep, ownStatements }) => {
    // What the services spend doing nothing, so that it can be told apart from what lifecycles cost;
    // after the seeds' events (users, programmes) have been handled, which is set-up, not idle.
    await waitSettled(backlog);
    await meter.start();
    await sleep(IDLE_SECONDS * 1000);
    const idle = await meter.stop(1);
    const idleRssBefore = servicesRss(system);
    people.startDesks(LOOK_MS);

    const drive = { concurrency: CONCURRENCY, rampMs: RAMP_MS, timeoutMs: LIFECYCLE_TIMEOUT_MS };
    const warm = new ProgressBar('warm-up   ', WARM_UP);
    const released = () => `released ${tracker.releasedCount}`;
    await runLifecycles(people, { ...drive, from: 0, count: WARM_UP, onFinished: (n) => warm.update(n, released()) });
    warm.finish();
    await waitSettled(backlog);
    tracker.lifecycles.clear();
    api.requests.clear();

    await meter.start();
    // With BENCH_PG_TRACE each service counts its transactions by code path from here on (see pg-trace.ts).
    if (process.env.BENCH_PG_TRACE) for (const pid of Object.values(system.pids)) process.kill(pid, 'SIGWINCH');
    const ownStatementsBefore = ownStatements();
    const measuredFrom = Date.now();
    const bar = new ProgressBar('lifecycles', LIFECYCLES);
    await runLifecycles(people, { ...drive, from: WARM_UP, count: LIFECYCLES, onFinished: (n) => bar.update(n, released()) });
    const drivenSeconds = (Date.now() - measuredFrom) / 1000;
    bar.finish();
    await people.stopDesks();
    // Notifications and deliveries finish after the release: their CPU belongs to the lifecycles too.
    const settled = await waitSettled(backlog);
    // PostgreSQL backends report their counters at most once a second and idle ones after 10 s.
    await sleep(11_000);
    const lifecycles = [...tracker.lifecycles.values()];
    const done = lifecycles.filter((l) => l.releasedAt !== undefined && !l.failure);
    // Per completed lifecycle: what the failed ones cost is in it too, as it would be in production.
    const cost = await meter.stop(done.length, ownStatements() - ownStatementsBefore);
    // Settled and no desk working: the RSS the services keep once the load has passed.
    const idleRssAfter = servicesRss(system);
    const requests = api.requestCounts();
    await system.stop();

    console.log(`pgbench -N for ${PGBENCH_SECONDS} s on a scratch database...`);
    const pgbench = await runPgbench(system.databaseUrl, { clients: 8, seconds: PGBENCH_SECONDS, scale: 10 });

    const durations = done.map((l) => l.releasedAt! - l.startedAt).sort((a, b) => a - b);
    const lifecyclesPerSecond = round(done.length / drivenSeconds, 2);
    const report = {
      bench: 'lifecycle',
      startedAt: startedAt.toISOString(),
      machine: machineOf(loadBefore),
      postgresUpkeep: upkeep.report(),
      sharedMachineNote:
        'a shared 2-core machine: other engineers build and test at the same time; machine.otherCores in cost is the CPU used outside the bench meanwhile',
      shape: {
        lifecycles: LIFECYCLES,
        concurrency: CONCURRENCY,
        rampSeconds: RAMP_MS / 1000,
        warmUp: WARM_UP,
        lookMs: LOOK_MS,
        officials:
          'one desk per Lurah/Kepala Desa (155), Camat (11), Dinas, Sekda, Bupati and BPKAD; each looks at its inbox lookMs (±20%) after being told of a task, as the console’s 15 s notification refresh would show it, and keeps working while its page is full',
      },
      throughput: {
        lifecyclesPerSecond,
        seconds: round(drivenSeconds, 1),
        completed: done.length,
        failures: lifecycles.length - done.length + Math.max(0, LIFECYCLES - lifecycles.length),
        conflicts: tracker.conflicts,
        retriedAfter504: tracker.retries,
        endToEndMs: {
          p50: round(percentile(durations, 50), 0),
          p99: round(percentile(durations, 99), 0),
          max: round(durations.at(-1) ?? 0, 0),
        },
        firstFailures: lifecycles
          .filter((l) => l.failure)
          .slice(0, 5)
          .map((l) => l.failure),
        otherErrors: tracker.errors,
      },
      requestsPerLifecycle: Object.fromEntries(
        Object.entries(requests).map(([label, n]) => [label, round(n / Math.max(1, done.length), 2)]),
      ),
      settledAfterSeconds: settled,
      cost,
      cpuMsPerLifecycleNetOfIdle: netOfIdle(cost, idle),
      idle: { seconds: idle.seconds, cpuMs: idle.cpuMsPerLifecycle, rssMiB: idle.rssMiB },
      rssMiB: { idleBefore: idleRssBefore, peak: peakRss(cost), idleAfter: idleRssAfter },
      tunables: Object.fromEntries(Object.entries(process.env).filter(([key]) => /^(OUTBOX|CONSUMER|NOTIFICATIONS|RPC)_/.test(key))),
      pgbench,
      ratio: { lifecyclesPerPgbenchTps: `1/${Math.round(pgbench.tps / Math.max(lifecyclesPerSecond, 0.001))}` },
      targets: targetsOf(lifecyclesPerSecond, pgbench.tps, cost, netOfIdle(cost, idle), idleRssBefore, idleRssAfter),
    };
    print(report);
    console.log(`results: ${writeResults('lifecycle', report, startedAt)}`);
  });
}

/** Each service's peak RSS since it started (VmHWM), and the sum of those peaks: an upper bound, as they need not coincide. */
function peakRss(cost: CostReport): Record<string, number> {
  const peaks = Object.fromEntries(SERVICES.map((service) => [service, cost.rssMiB[service].peak]));
  return {
    ...peaks,
    sumOfPeaks: round(
      Object.values(peaks).reduce((sum, peak) => sum + peak, 0),
      1,
    ),
  };
}

function targetsOf(
  lifecyclesPerSecond: number,
  pgbenchTps: number,
  cost: CostReport,
  net: Record<string, number>,
  idleBefore: ServicesRss,
  idleAfter: ServicesRss,
) {
  const verdict = (met: boolean) => (met ? 'met' : 'missed');
  return {
    'lifecycles/s ≥ pgbench TPS / 100': verdict(lifecyclesPerSecond >= pgbenchTps / 100),
    'CPU ≤ 50 ms per lifecycle (mail catcher excluded)': verdict(cost.cpuMsPerLifecycle.total <= 50),
    'CPU ≤ 50 ms per lifecycle, net of idle': verdict(net.total <= 50),
    'PostgreSQL commits ≤ 40 per lifecycle': verdict(cost.postgresCommitsPerLifecycle <= 40),
    'five services ≤ 1 GiB RSS at idle, before and after the load': verdict(idleBefore.total <= 1024 && idleAfter.total <= 1024),
  };
}

function print(report: {
  throughput: { lifecyclesPerSecond: number; completed: number; failures: number; endToEndMs: Record<string, number>; seconds: number };
  cost: CostReport;
  rssMiB: { idleBefore: ServicesRss; peak: Record<string, number>; idleAfter: ServicesRss };
  cpuMsPerLifecycleNetOfIdle: Record<string, number>;
  pgbench: { tps: number };
  ratio: Record<string, string>;
  requestsPerLifecycle: Record<string, number>;
  targets: Record<string, string>;
  machine: { loadBefore: number[]; loadAfter: number[] };
  postgresUpkeep: PostgresUpkeep;
}): void {
  const { throughput: t, cost } = report;
  console.log('');
  console.log(
    `lifecycles/s ${t.lifecyclesPerSecond} (${t.completed} completed, ${t.failures} failed, ${t.seconds} s); end-to-end p50 ${t.endToEndMs.p50} ms, p99 ${t.endToEndMs.p99} ms`,
  );
  console.log(`pgbench -N ${report.pgbench.tps} TPS; lifecycles/s ÷ pgbench TPS = ${report.ratio.lifecyclesPerPgbenchTps}`);
  console.log(
    'CPU ms per lifecycle, beside the ms each process waited for a core, the times it was put on one, and its read and write system calls:',
  );
  console.log(
    `  ${'process'.padEnd(16)} ${'measured'.padStart(9)} ${'net of idle'.padStart(12)} ${'waited'.padStart(8)} ${'runs'.padStart(7)} ${'syscalls'.padStart(9)}`,
  );
  const orBlank = (value: number | undefined) => (value === undefined ? '' : String(value));
  for (const [name, ms] of Object.entries(cost.cpuMsPerLifecycle)) {
    console.log(
      `  ${name.padEnd(16)} ${String(ms).padStart(9)} ${String(report.cpuMsPerLifecycleNetOfIdle[name]).padStart(12)} ` +
        `${orBlank(cost.waitingForCoreMsPerLifecycle[name]).padStart(8)} ${orBlank(cost.runsPerLifecycle[name]).padStart(7)} ` +
        `${orBlank(cost.readWriteCallsPerLifecycle[name]).padStart(9)}`,
    );
  }
  console.log(`PostgreSQL commits per lifecycle ${cost.postgresCommitsPerLifecycle} (rollbacks ${cost.postgresRollbacksPerLifecycle})`);
  console.log(
    cost.postgresStatementsPerLifecycle === null
      ? 'PostgreSQL statements per lifecycle: not counted (the server does not load pg_stat_statements)'
      : `PostgreSQL statements per lifecycle ${cost.postgresStatementsPerLifecycle} (pg_stat_statements; BEGIN, COMMIT and the like left out)`,
  );
  const ignored = cost.nats.ignoredDeliveriesPerLifecycle;
  console.log(
    `NATS per lifecycle: ${cost.nats.streamMessagesPerLifecycle} events stored, ${cost.nats.consumerDeliveriesPerLifecycle} deliveries (${cost.nats.consumers} consumers), ` +
      (ignored.total > 0
        ? `${ignored.total} of them acknowledged unread (${SERVICES.filter((s) => ignored[s] > 0)
            .map((s) => `${s} ${ignored[s]}`)
            .join(', ')})`
        : 'none acknowledged unread'),
  );
  const messages = cost.nats.messagesPerLifecycle;
  console.log(
    messages
      ? `NATS messages per lifecycle ${messages.total}: ${NATS_TRAFFIC_KINDS.map((kind) => `${kind} ${messages[kind]}`).join(', ')} ` +
          '(events: publishes and deliveries; replies: every inbox reply on the server)'
      : 'NATS messages per lifecycle: not counted (BENCH_NATS_TRAFFIC=1 counts them, with a subscriber to every subject)',
  );
  console.log(`Redis commands per lifecycle ${cost.redisCommandsPerLifecycle} (whole server)`);
  const drains = cost.relayDrainsPerLifecycle;
  console.log(
    `outbox relay drains per lifecycle ${drains.total} (${SERVICES.map((s) => `${s} ${drains[s]}`).join(', ')}), ` +
      `${drains.total > 0 ? round(cost.nats.streamMessagesPerLifecycle / drains.total, 1) : 0} events each`,
  );
  console.log(
    `requests per lifecycle: ${Object.entries(report.requestsPerLifecycle)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  const { idleBefore, peak, idleAfter } = report.rssMiB;
  console.log('RSS MiB:');
  console.log(`  ${'service'.padEnd(16)} ${'idle before'.padStart(12)} ${'peak'.padStart(9)} ${'idle after'.padStart(11)}`);
  for (const service of Object.keys(idleBefore) as Array<keyof ServicesRss>) {
    const top = service === 'total' ? `${peak.sumOfPeaks}*` : String(peak[service]);
    console.log(
      `  ${service.padEnd(16)} ${String(idleBefore[service]).padStart(12)} ${top.padStart(9)} ${String(idleAfter[service]).padStart(11)}`,
    );
  }
  console.log('  (* the sum of the services’ peaks, which need not coincide)');
  console.log(describeMachine(cost, report.machine));
  console.log(describeUpkeep(report.postgresUpkeep));
  console.log(
    `targets: ${Object.entries(report.targets)
      .map(([k, v]) => `${k}: ${v}`)
      .join('; ')}`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`lifecycle bench failed: ${(error as Error).stack ?? error}`);
    process.exit(1);
  },
);
