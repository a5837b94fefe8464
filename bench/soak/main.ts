import 'reflect-metadata';
import { loadavg } from 'node:os';
import { formatLoad, machineOf, round, sleep, writeResults } from '../shared/bench-results';
import { runLifecycles } from '../shared/lifecycle-driver';
import { LifecycleTracker } from '../shared/lifecycle-tracker';
import { describeUpkeep, PostgresUpkeep } from '../shared/autovacuum-stand-in';
import { withRegencyBench } from '../shared/regency-bench';
import { RunningSystem } from '../shared/running-system';
import { HeapFigures, RssGrowth, rssGrowth, RssSample, servicesHeap, servicesRss, ServicesRss } from '../shared/service-memory';
import { waitSettled } from '../shared/spine-backlog';

/*
 * npm run bench:soak: the five services as separate processes under lifecycles at people's pace (as
 * bench:lifecycle drives them) for BENCH_SOAK_MINUTES, their RSS sampled from /proc every
 * BENCH_SOAK_SAMPLE_S: whether they stay within 1 GiB together at idle before and after the load, and
 * whether their RSS grows over the soak (a leak) or levels off once warm.
 */
const int = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const MINUTES = int('BENCH_SOAK_MINUTES', 30);
const SAMPLE_S = int('BENCH_SOAK_SAMPLE_S', 30);
/** Heaps, pools and JIT caches grow to their working size at first: growth is measured from after this. */
const WARM_UP_S = int('BENCH_SOAK_WARM_UP_S', Math.min(180, (MINUTES * 60) / 4));
/** The windows compared for growth: the first after the warm-up and the last, each this long (at most half of what remains). */
const WINDOW_S = int('BENCH_SOAK_WINDOW_S', Math.min(300, (MINUTES * 60 - WARM_UP_S) / 2));
const CONCURRENCY = int('BENCH_CONCURRENCY', 100);
const RAMP_MS = int('BENCH_RAMP_S', 20) * 1000;
/** As in bench:lifecycle: officials see a task about half the console's 15 s refresh after being told of it. */
const LOOK_MS = int('BENCH_LOOK_MS', 7_500);
const LIFECYCLE_TIMEOUT_MS = int('BENCH_LIFECYCLE_TIMEOUT_S', 300) * 1000;
/** How long the system is left alone, once settled, before its idle RSS is read. */
const IDLE_SECONDS = int('BENCH_IDLE_S', 15);
const RSS_TARGET_MIB = 1024;
const GROWTH_TARGET_PERCENT = 10;

interface SoakSample extends RssSample {
  lifecyclesReleased: number;
  lifecyclesFailed: number;
  heapMiB: Partial<Record<string, HeapFigures>>;
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadBefore = loadavg();
  console.log(
    `soak bench: lifecycles at concurrency ${CONCURRENCY} for ${MINUTES} min, RSS sampled every ${SAMPLE_S} s; growth from the first ${WINDOW_S} s after ${WARM_UP_S} s of warm-up to the last ${WINDOW_S} s`,
  );
  await withRegencyBench('soak', async ({ system, tracker, people, meter, backlog, upkeep, ownStatements }) => {
    // Idle once the seeds' events have been handled and start-up has settled.
    await waitSettled(backlog);
    await sleep(IDLE_SECONDS * 1000);
    const idleBefore = { rss: servicesRss(system), heapMiB: await servicesHeap(system) };
    console.log(`idle RSS before: ${formatRss(idleBefore.rss)}`);

    people.startDesks(LOOK_MS);
    await meter.start();
    const ownStatementsBefore = ownStatements();
    const loadFrom = Date.now();
    const samples: SoakSample[] = [];
    const sample = async () => {
      const taken: SoakSample = { atS: round((Date.now() - loadFrom) / 1000, 0), ...(await snapshot(system, tracker)) };
      samples.push(taken);
      process.stderr.write(
        `soak ${clock(taken.atS)}/${clock(MINUTES * 60)} released ${taken.lifecyclesReleased}, failed ${taken.lifecyclesFailed}; RSS ${formatRss(taken.rss)}\n`,
      );
    };
    let sampling: Promise<void> = sample();
    const sampler = setInterval(() => (sampling = sampling.then(sample)), SAMPLE_S * 1000);
    // No new lifecycle after the soak's end; those in flight then finish (or time out) as they would.
    await runLifecycles(people, {
      from: 0,
      until: loadFrom + MINUTES * 60_000,
      concurrency: CONCURRENCY,
      rampMs: RAMP_MS,
      timeoutMs: LIFECYCLE_TIMEOUT_MS,
    });
    clearInterval(sampler);
    await sampling;
    await sample();
    const drivenSeconds = (Date.now() - loadFrom) / 1000;
    await people.stopDesks();
    const settled = await waitSettled(backlog);
    const lifecycles = [...tracker.lifecycles.values()];
    const done = lifecycles.filter((l) => l.releasedAt !== undefined && !l.failure);
    const cost = await meter.stop(done.length, ownStatements() - ownStatementsBefore);
    await sleep(IDLE_SECONDS * 1000);
    const idleAfter = { rss: servicesRss(system), heapMiB: await servicesHeap(system) };
    console.log(`idle RSS after:  ${formatRss(idleAfter.rss)}`);

    const growth = rssGrowth(samples, WARM_UP_S, WINDOW_S);
    const underLoadMaxMiB = Math.max(...samples.map((s) => s.rss.total));
    const report = {
      bench: 'soak',
      startedAt: startedAt.toISOString(),
      machine: machineOf(loadBefore),
      postgresUpkeep: upkeep.report(),
      sharedMachineNote:
        'a shared 2-core machine: other engineers build and test at the same time; machine.otherCores in cost is the CPU used outside the bench meanwhile',
      shape: {
        minutes: MINUTES,
        sampleSeconds: SAMPLE_S,
        warmUpSeconds: WARM_UP_S,
        windowSeconds: WINDOW_S,
        concurrency: CONCURRENCY,
        lookMs: LOOK_MS,
      },
      lifecycles: {
        completed: done.length,
        failures: lifecycles.length - done.length,
        firstFailures: lifecycles
          .filter((l) => l.failure)
          .slice(0, 5)
          .map((l) => l.failure),
        otherErrors: tracker.errors,
        perSecond: round(done.length / drivenSeconds, 2),
        drivenSeconds: round(drivenSeconds, 0),
      },
      settledAfterSeconds: settled,
      rssMiB: { idleBefore: idleBefore.rss, underLoadMax: underLoadMaxMiB, idleAfter: idleAfter.rss },
      heapMiB: { idleBefore: idleBefore.heapMiB, idleAfter: idleAfter.heapMiB },
      growth,
      cpuMsPerLifecycle: cost.cpuMsPerLifecycle,
      costMachine: cost.machine,
      targets: targetsOf(idleBefore.rss, idleAfter.rss, growth, done.length),
      samples,
    };
    print(report, loadBefore);
    console.log(`results: ${writeResults('soak', report, startedAt)}`);
  });
}

async function snapshot(system: RunningSystem, tracker: LifecycleTracker) {
  let failed = 0;
  for (const lifecycle of tracker.lifecycles.values()) if (lifecycle.failure) failed++;
  return {
    rss: servicesRss(system),
    lifecyclesReleased: tracker.releasedCount,
    lifecyclesFailed: failed,
    heapMiB: await servicesHeap(system),
  };
}

function targetsOf(idleBefore: ServicesRss, idleAfter: ServicesRss, growth: RssGrowth | undefined, lifecycles: number) {
  const verdict = (met: boolean) => (met ? 'met' : 'missed');
  return {
    [`five services ≤ 1 GiB RSS at idle before the load`]: verdict(idleBefore.total <= RSS_TARGET_MIB),
    [`five services ≤ 1 GiB RSS at idle after ${lifecycles} lifecycles`]: verdict(idleAfter.total <= RSS_TARGET_MIB),
    [`RSS growth ≤ ${GROWTH_TARGET_PERCENT}% (mean of the first window after warm-up → the last)`]: growth
      ? verdict(growth.meanGrowthPercent <= GROWTH_TARGET_PERCENT)
      : 'not measured: the soak was too short for two windows',
  };
}

function print(
  report: {
    lifecycles: { completed: number; failures: number; perSecond: number };
    rssMiB: { idleBefore: ServicesRss; underLoadMax: number; idleAfter: ServicesRss };
    growth: RssGrowth | undefined;
    cpuMsPerLifecycle: Record<string, number>;
    costMachine: { busyCores: number; benchCores: number; otherCores: number };
    targets: Record<string, string>;
    machine: { loadAfter: number[] };
    postgresUpkeep: PostgresUpkeep;
  },
  loadBefore: number[],
): void {
  const { lifecycles: l, rssMiB: rss, growth } = report;
  console.log('');
  console.log(`lifecycles: ${l.completed} completed, ${l.failures} failed (${l.perSecond}/s)`);
  console.log(
    `RSS MiB, five together: idle before ${rss.idleBefore.total}, under load at most ${rss.underLoadMax}, idle after ${rss.idleAfter.total}`,
  );
  if (growth) {
    console.log(
      `RSS growth: first window ${growth.first.fromS}–${growth.first.toS} s mean ${growth.first.meanMiB} (max ${growth.first.maxMiB}) → last window ${growth.last.fromS}–${growth.last.toS} s mean ${growth.last.meanMiB} (max ${growth.last.maxMiB}): ${growth.meanGrowthPercent}% by mean, ${growth.maxGrowthPercent}% by max`,
    );
    console.log(
      `  by service (mean): ${Object.entries(growth.byService)
        .map(([service, g]) => `${service} ${g.firstMeanMiB} → ${g.lastMeanMiB} (${g.meanGrowthPercent}%)`)
        .join(', ')}`,
    );
  }
  console.log(`CPU ms per lifecycle: services+servers ${report.cpuMsPerLifecycle.total}`);
  const m = report.costMachine;
  console.log(
    `machine: ${m.busyCores} cores busy, ${m.benchCores} by the bench, ${m.otherCores} by other work; load ${formatLoad(loadBefore)} → ${formatLoad(report.machine.loadAfter)}`,
  );
  console.log(describeUpkeep(report.postgresUpkeep));
  console.log(
    `targets: ${Object.entries(report.targets)
      .map(([k, v]) => `${k}: ${v}`)
      .join('; ')}`,
  );
}

function formatRss(rss: ServicesRss): string {
  const { total, ...services } = rss;
  return `${total} MiB (${Object.entries(services)
    .map(([service, mib]) => `${service} ${mib}`)
    .join(', ')})`;
}

const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(Math.round(seconds % 60)).padStart(2, '0')}`;

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`soak bench failed: ${(error as Error).stack ?? error}`);
    process.exit(1);
  },
);
