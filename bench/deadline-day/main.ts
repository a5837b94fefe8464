import 'reflect-metadata';
import { loadavg } from 'node:os';
import { machineOf, round, sleep, writeResults } from '../shared/bench-results';
import { CostReport, describeMachine } from '../shared/cost-meter';
import { now } from '../shared/lifecycle-tracker';
import { ProgressBar } from '../shared/progress-bar';
import { describeUpkeep, PostgresUpkeep } from '../shared/autovacuum-stand-in';
import { withRegencyBench } from '../shared/regency-bench';
import { Backlog, waitSettled } from '../shared/spine-backlog';
import { notificationLag } from './notification-lag';

/*
 * npm run bench:deadline-day: every village of Kabupaten Bengkalis (155) submits a proposal within
 * one minute; the officials clear their inboxes as people do and BPKAD releases each first tranche.
 * When is the last proposal approved and the last tranche 1 released, how does the backlog grow and
 * drain, and how late do notifications arrive?
 */
const int = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SUBMIT_WINDOW_MS = int('BENCH_SUBMIT_WINDOW_S', 60) * 1000;
/** See bench:lifecycle: when an official sees a task they were told of. */
const LOOK_MS = int('BENCH_LOOK_MS', 7_500);
const SAMPLE_MS = int('BENCH_SAMPLE_MS', 2_000);
const DAY_TIMEOUT_MS = int('BENCH_DAY_TIMEOUT_S', 900) * 1000;
/** Deadline days the README estimates, from the measured CPU per lifecycle. */
const SCALES = { 'Kabupaten Bengkalis': 155, 'Provinsi Riau': 1_862, Indonesia: 83_762 };
const DAY_TARGET_S = 15 * 60;

interface Sample extends Backlog {
  atSeconds: number;
  released: number;
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadBefore = loadavg();
  await withRegencyBench('deadline-day', async ({ system, tracker, people, meter, backlog, upkeep, ownStatements }) => {
    people.startDesks(LOOK_MS);
    const villages = people.villages;
    console.log(
      `deadline day: ${villages.length} villages submit within ${SUBMIT_WINDOW_MS / 1000} s; officials see a task ${LOOK_MS / 1000} s after being told`,
    );

    await meter.start();
    const ownStatementsBefore = ownStatements();
    const dayStart = now();
    const samples: Sample[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const b = await backlog.read();
        samples.push({ atSeconds: round((now() - dayStart) / 1000, 1), released: tracker.releasedCount, ...b });
        await sleep(SAMPLE_MS);
      }
    })();

    const bar = new ProgressBar('released', villages.length);
    const progress = setInterval(() => bar.update(tracker.releasedCount, `open stages ${samples.at(-1)?.openStages ?? 0}`), 1000);
    // Each village at its own moment within the window, as BKMs finishing their forms would.
    await Promise.all(
      villages.map((village, n) => sleep(Math.random() * SUBMIT_WINDOW_MS).then(() => people.runLifecycle(village, n, DAY_TIMEOUT_MS))),
    );
    clearInterval(progress);
    bar.finish();
    await people.stopDesks();
    const settledAfter = await waitSettled(backlog);
    const settledAt = now();
    sampling = false;
    await sampler;
    await sleep(11_000); // PostgreSQL backends report their counters at most each second, idle ones after 10 s
    const lifecycles = [...tracker.lifecycles.values()];
    const done = lifecycles.filter((l) => l.releasedAt !== undefined && !l.failure);
    const cost = await meter.stop(done.length, ownStatements() - ownStatementsBefore);
    const lag = await notificationLag(system);
    const at = (t: number | undefined) => (t === undefined ? null : round((t - dayStart) / 1000, 1));
    const last = (pick: (l: (typeof lifecycles)[number]) => number | undefined) =>
      at(Math.max(...lifecycles.map(pick).filter((t): t is number => t !== undefined)));

    const report = {
      bench: 'deadline-day',
      startedAt: startedAt.toISOString(),
      machine: machineOf(loadBefore),
      postgresUpkeep: upkeep.report(),
      sharedMachineNote:
        'a shared 2-core machine: other engineers build and test at the same time; cost.machine.otherCores is the CPU used outside the bench meanwhile',
      shape: { villages: villages.length, submitWindowSeconds: SUBMIT_WINDOW_MS / 1000, lookMs: LOOK_MS, sampleMs: SAMPLE_MS },
      outcome: {
        completed: done.length,
        failures: lifecycles.length - done.length + Math.max(0, villages.length - lifecycles.length),
        retriedAfter504: tracker.retries,
        firstFailures: lifecycles
          .filter((l) => l.failure)
          .slice(0, 5)
          .map((l) => l.failure),
        otherErrors: tracker.errors,
        secondsAfterDayStart: {
          lastSubmitted: last((l) => l.submittedAt),
          lastApproved: last((l) => l.approvedAt),
          lastTranche1Released: last((l) => l.releasedAt),
          settled: settledAfter === null ? null : at(settledAt),
        },
      },
      backlogPeaks: {
        outboxUnpublished: Math.max(0, ...samples.map((s) => s.outboxUnpublished)),
        consumerLag: Math.max(0, ...samples.map((s) => s.consumerLag)),
        openStages: Math.max(0, ...samples.map((s) => s.openStages)),
        deliveriesUnfinished: Math.max(0, ...samples.map((s) => s.deliveriesUnfinished)),
      },
      backlogOverTime: samples,
      notificationLag: lag,
      cost,
      estimate: estimate(cost),
    };
    print(report);
    console.log(`results: ${writeResults('deadline-day', report, startedAt)}`);
  });
}

/**
 * Cores to carry a deadline day of `villages` lifecycles in 15 minutes at the measured CPU per
 * lifecycle, all else equal (no headroom, no people's pace), and the commit and event rates it
 * asks of the single PostgreSQL primary and NATS stream.
 */
function estimate(cost: CostReport) {
  return Object.fromEntries(
    Object.entries(SCALES).map(([name, villages]) => [
      name,
      {
        villages,
        cores: round((villages * cost.cpuMsPerLifecycle.total) / (DAY_TARGET_S * 1000), 1),
        coresByProcess: Object.fromEntries(
          Object.entries(cost.cpuMsPerLifecycle)
            .filter(([process]) => !['total', 'mailCatcher', 'benchDriver'].includes(process))
            .map(([process, ms]) => [process, round((villages * ms) / (DAY_TARGET_S * 1000), 2)]),
        ),
        postgresCommitsPerSecond: round((villages * cost.postgresCommitsPerLifecycle) / DAY_TARGET_S, 0),
        streamEventsPerSecond: round((villages * cost.nats.streamMessagesPerLifecycle) / DAY_TARGET_S, 0),
      },
    ]),
  );
}

function print(report: {
  outcome: { completed: number; failures: number; secondsAfterDayStart: Record<string, number | null> };
  backlogPeaks: Record<string, number>;
  backlogOverTime: Sample[];
  notificationLag: Awaited<ReturnType<typeof notificationLag>>;
  cost: CostReport;
  estimate: ReturnType<typeof estimate>;
  machine: { loadBefore: number[]; loadAfter: number[] };
  postgresUpkeep: PostgresUpkeep;
}): void {
  const { outcome, cost } = report;
  console.log('');
  console.log(`${outcome.completed} villages completed, ${outcome.failures} failed`);
  console.log(
    `seconds after the day started: ${Object.entries(outcome.secondsAfterDayStart)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  console.log(
    `backlog peaks: ${Object.entries(report.backlogPeaks)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  console.log('backlog over time (s: outbox / consumer lag / open stages / deliveries unfinished / released):');
  const every = Math.max(1, Math.floor(report.backlogOverTime.length / 15));
  for (const s of report.backlogOverTime.filter((_, i) => i % every === 0)) {
    console.log(
      `  ${String(s.atSeconds).padStart(6)}: ${s.outboxUnpublished} / ${s.consumerLag} / ${s.openStages} / ${s.deliveriesUnfinished} / ${s.released}`,
    );
  }
  const l = report.notificationLag;
  console.log(
    `notification lag (event recorded → in-app): p50 ${l.inbox.p50Ms} ms, p99 ${l.inbox.p99Ms} ms, max ${l.inbox.maxMs} ms (${l.inbox.count})`,
  );
  console.log(
    `e-mail lag (event recorded → sent): p50 ${l.email.p50Ms} ms, p99 ${l.email.p99Ms} ms, max ${l.email.maxMs} ms (${l.email.count})`,
  );
  console.log(
    `CPU ms per lifecycle: ${Object.entries(cost.cpuMsPerLifecycle)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  console.log(
    `PostgreSQL commits per lifecycle ${cost.postgresCommitsPerLifecycle}; events per lifecycle ${cost.nats.streamMessagesPerLifecycle}`,
  );
  for (const [name, e] of Object.entries(report.estimate)) {
    console.log(
      `  ${name} (${e.villages} villages) in 15 min: ${e.cores} cores, ${e.postgresCommitsPerSecond} commits/s, ${e.streamEventsPerSecond} events/s`,
    );
  }
  console.log(describeMachine(cost, report.machine));
  console.log(describeUpkeep(report.postgresUpkeep));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`deadline-day bench failed: ${(error as Error).stack ?? error}`);
    process.exit(1);
  },
);
