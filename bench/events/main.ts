import 'reflect-metadata';
import { fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClientNats } from '@nestjs/microservices';
import { Client } from 'pg';
import { lastValueFrom } from 'rxjs';
import { DataSource } from 'typeorm';
import { APP_ENV, BaseEnv } from '@alur/config';
import { schemaFor } from '@alur/database';
import { NatsClients, OutboxRelay } from '@alur/messaging';
import { createTestIsolation, removeTestResources, TEST_RUN_ENV } from '@alur/testing';
import { BacklogSampler } from './backlog-sampler';
import { PathName, PhaseResult, printRatios, printTable, ratiosOf, writeResults } from './bench-report';
import { DurableBenchModule } from './durable-bench.module';
import { DurableNoteWriter } from './durable-note-writer.service';
import { BenchNote, driveLoad, LoadShape, plainEnvelope } from './load-driver';
import { LatencyProbe, now } from './latency-probe';
import type { ConsumerMessage, ConsumerPath } from './consumer-process';
import { plainSubjects } from './plain-bench.module';
import { openPlainDatabase } from './plain-database';
import { ProbeHolder } from './probe-holder';
import { productionTimings } from '../shared/production-timings';
import { pidsNamed, scheduleOf } from '../shared/proc-stats';

/*
 * npm run bench:events: the same notes through the durable spine (outbox → relay → JetStream → consumer
 * with inbox) and through plain @nestjs/microservices NATS emit (core NATS), against the real servers,
 * producers in this process and consumers in a child process, as services are deployed. Latency is
 * handled − commit: the commit is stamped when the writer's transaction (or, plain, its INSERT)
 * resolved, the handled time once the handler's effect committed; both on the wall clock, in maps
 * keyed by event id. Each path runs saturated (writers as fast as they
 * can) and then paced (the same offered rate for every path).
 */
const int = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

/** The traffic; every knob can be changed from the environment (BENCH_*). */
const SHAPE: LoadShape = {
  events: int('BENCH_EVENTS', 20_000),
  aggregates: int('BENCH_AGGREGATES', 200),
  writers: int('BENCH_WRITERS', 32),
  textLength: int('BENCH_TEXT_LENGTH', 160),
  // Bounds the run on a slow or busy machine; the table says how many events were measured.
  maxSeconds: int('BENCH_MAX_SECONDS', 20),
};
const WARM_UP: Partial<LoadShape> = { events: int('BENCH_WARM_UP_EVENTS', 1_000), maxSeconds: 5 };
/**
 * The paced phase offers every path the same rate, by default half of what the durable path sustained
 * when saturated: latency without a queue building up, which is what a hop costs.
 */
const PACED_SECONDS = int('BENCH_PACED_SECONDS', 5);
const PACED_RATE = process.env.BENCH_PACED_RATE ? Number(process.env.BENCH_PACED_RATE) : undefined;
/** A phase gives up waiting when nothing was handled for this long; what is missing counts as lost. */
const STALL_MS = int('BENCH_STALL_MS', 10_000);
/** Messaging settings passed through to the durable services, so they can be tuned from the command line. */
const TUNABLES = Object.fromEntries(Object.entries(process.env).filter(([key]) => /^(OUTBOX|CONSUMER)_/.test(key)));
/** Which paths to run (comma-separated), e.g. BENCH_PATHS=durable while profiling one. */
const PATHS = (process.env.BENCH_PATHS ?? 'durable,plain+insert,plain emit-only').split(',').map((p) => p.trim());

type Write = (note: BenchNote) => Promise<void>;

interface Phase {
  path: PathName;
  write: Write;
  probes: ProbeHolder;
  sampler?: BacklogSampler;
  /** The relay's drains so far (durable path): how many events a drain carried is what the spacing trades for latency. */
  drains?: () => number;
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadBefore = loadavg();
  process.env[TEST_RUN_ENV] ??= 'bench';
  // Production timings, not the test defaults: the relay must be woken by NOTIFY, not by a fast poll.
  const isolation = createTestIsolation({ ...productionTimings(), ...TUNABLES });
  const env = isolation.env;
  const closers: Array<() => Promise<unknown>> = [];
  try {
    const durableProbes = new ProbeHolder();
    const producer = await NestFactory.create(DurableBenchModule.producer(env, durableProbes), {
      logger: false,
      // A bad setting (e.g. OUTBOX_POLL_INTERVAL_MS=2) is then printed by main's catch instead of Nest exiting without a word.
      abortOnError: false,
    });
    closers.unshift(() => producer.close());
    await producer.init();
    const plainProbes = new ProbeHolder();
    // The consumers run in a process of their own, as a consuming service runs beside the producing one.
    const consumers = await startConsumerProcess(env, { durable: durableProbes, plain: plainProbes });
    closers.unshift(() => consumers.stop());
    const writer = producer.get(DurableNoteWriter);
    const baseEnv = producer.get<BaseEnv>(APP_ENV);

    const samplerPg = new Client({ connectionString: baseEnv.DATABASE_URL });
    await samplerPg.connect();
    closers.push(() => samplerPg.end());
    const sampler = new BacklogSampler(
      samplerPg,
      schemaFor(baseEnv, 'proposals'),
      producer.get(NatsClients).jsm,
      baseEnv.NATS_STREAM,
      'approvals',
    );

    const plainProducerDb = await openPlainDatabase(baseEnv, 'plain_producer');
    closers.push(() => plainProducerDb.destroy());
    const plainClient = new ClientNats({ servers: baseEnv.NATS_URL, name: 'bench-plain-producer' });
    await plainClient.connect();
    closers.unshift(() => plainClient.close());
    const subjects = plainSubjects(baseEnv.NATS_SUBJECT_PREFIX);

    const phases: Phase[] = [
      {
        path: 'durable',
        probes: durableProbes,
        sampler,
        drains: () => producer.get(OutboxRelay).stats.drains,
        write: (note) => writer.write(note),
      },
      {
        path: 'plain+insert',
        probes: plainProbes,
        // The producer's own write, then the emit: the classic dual write, with nothing tying the two together.
        write: async (note) => {
          await plainProducerDb.query('INSERT INTO note (book, seq, text) VALUES ($1, $2, $3)', [note.book, note.seq, note.text]);
          const event = plainEnvelope(note);
          plainProbes.current.committed(event.id, now());
          await lastValueFrom(plainClient.emit(subjects.withInsert, event), { defaultValue: undefined });
        },
      },
      {
        path: 'plain emit-only',
        probes: plainProbes,
        write: async (note) => {
          const event = plainEnvelope(note);
          plainProbes.current.committed(event.id, now());
          await lastValueFrom(plainClient.emit(subjects.emitOnly, event), { defaultValue: undefined });
        },
      },
    ];

    console.log(
      `events bench: up to ${SHAPE.events} events (at most ${SHAPE.maxSeconds} s) over ${SHAPE.aggregates} aggregates, ` +
        `${SHAPE.writers} writers, ${SHAPE.textLength}-char notes; warm-up ${WARM_UP.events} per path; paced ${PACED_SECONDS} s`,
    );
    const results: PhaseResult[] = [];
    let pacedRate = PACED_RATE;
    for (const phase of phases.filter((p) => PATHS.includes(p.path))) {
      await runPhase(phase, { ...SHAPE, ...WARM_UP }, `${phase.path}-warm`, consumers.pid);
      const saturated = await runPhase(phase, SHAPE, `${phase.path}-sat`, consumers.pid);
      results.push({ ...saturated, path: phase.path, phase: 'saturated' });
      console.log(`  ${phase.path} saturated: ${saturated.eventsPerSecond} events/s, p99 ${saturated.latencyMs.p99} ms`);
      pacedRate ??= Math.max(50, Math.round(saturated.eventsPerSecond / 2));
      const pacedShape = { ...SHAPE, events: pacedRate * PACED_SECONDS, ratePerSecond: pacedRate, maxSeconds: PACED_SECONDS * 2 };
      const paced = await runPhase(phase, pacedShape, `${phase.path}-paced`, consumers.pid);
      results.push({ ...paced, path: phase.path, phase: 'paced', offeredPerSecond: pacedRate });
      console.log(`  ${phase.path} paced at ${pacedRate}/s: p99 ${paced.latencyMs.p99} ms`);
    }

    const consistency = await durableConsistency(producer, schemaFor(baseEnv, 'approvals'));
    const ratios = ratiosOf(results);
    const durableSaturated = results.find((r) => r.path === 'durable' && r.phase === 'saturated')!;
    const aims = {
      throughputAtLeast2000: durableSaturated.eventsPerSecond >= 2000,
      p99WithinTwiceOfPlainInsertSaturated: (ratios['saturated: durable / plain+insert']?.p99 ?? Infinity) <= 2,
      p99WithinTwiceOfPlainInsertPaced: (ratios['paced: durable / plain+insert']?.p99 ?? Infinity) <= 2,
    };

    console.log('');
    printTable(results);
    printRatios(ratios);
    console.log(
      `\ndurable consistency: ${consistency.handledRows} rows handled for ${consistency.committedEvents} events committed, ` +
        `${consistency.duplicateEffects} duplicate effects, relay re-publishes ${consistency.relayDuplicates}`,
    );
    console.log(
      `aims: ≥ 2,000 events/s durable: ${verdict(aims.throughputAtLeast2000)}; ` +
        `durable p99 ≤ 2× plain+insert p99: saturated ${verdict(aims.p99WithinTwiceOfPlainInsertSaturated)}, ` +
        `paced ${verdict(aims.p99WithinTwiceOfPlainInsertPaced)}`,
    );

    console.log(`load average (1/5/15 min) before ${fmtLoad(loadBefore)}, after ${fmtLoad(loadavg())} on ${cpus().length} cores`);
    const file = writeResults(
      resolve(process.env.BENCH_RESULTS_DIR ?? resolve(__dirname, '../../../bench/results')),
      {
        bench: 'events',
        startedAt: startedAt.toISOString(),
        // Other work on the machine competes for its cores: the load average says how much there was.
        machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version, loadBefore, loadAfter: loadavg() },
        shape: SHAPE,
        warmUp: WARM_UP,
        paced: { seconds: PACED_SECONDS, ratePerSecond: pacedRate },
        tunables: {
          OUTBOX_BATCH_SIZE: baseEnv.OUTBOX_BATCH_SIZE,
          OUTBOX_POLL_INTERVAL_MS: baseEnv.OUTBOX_POLL_INTERVAL_MS,
          OUTBOX_DRAIN_SPACING_MS: baseEnv.OUTBOX_DRAIN_SPACING_MS,
          CONSUMER_CONCURRENCY: baseEnv.CONSUMER_CONCURRENCY,
          CONSUMER_ACK_WAIT_MS: baseEnv.CONSUMER_ACK_WAIT_MS,
        },
        latencyClock:
          'performance.timeOrigin + performance.now() (wall clock) in the producing process and the consuming process; commit and handled times kept in maps keyed by event id',
        results,
        ratios,
        aims,
        durableConsistency: consistency,
      },
      startedAt,
    );
    console.log(`results: ${file}`);
  } finally {
    for (const close of closers) await close().catch((error) => console.error(`closing: ${error}`));
    if (!process.env.KEEP_BENCH_DATA) await removeTestResources(isolation.id, env);
  }
}

/** Milliseconds the producer's and the consumer's main thread, and nats-server's threads, have waited for a core so far. */
function waitedForCore(consumerPid: number): { producer: number; consumer: number; nats: number } {
  const waited = (pid: number, allThreads = false) => scheduleOf(pid, { allThreads })?.waitingMs ?? 0;
  return {
    producer: waited(process.pid),
    consumer: waited(consumerPid),
    nats: pidsNamed('nats-server').reduce((total, pid) => total + waited(pid, true), 0),
  };
}

async function runPhase(phase: Phase, shape: LoadShape, tag: string, consumerPid: number): Promise<Omit<PhaseResult, 'path' | 'phase'>> {
  const probe = new LatencyProbe(shape.events);
  phase.probes.current = probe;
  phase.sampler?.start();
  const elu = performance.eventLoopUtilization();
  const cpu = process.cpuUsage();
  const drainsBefore = phase.drains?.();
  const waitedBefore = waitedForCore(consumerPid);
  const startedAt = now();
  probe.expect(await driveLoad(shape, tag, phase.write));
  await waitUntilSettled(probe);
  const seconds = (now() - startedAt) / 1000;
  const cpuUsed = process.cpuUsage(cpu);
  const waitedAfter = waitedForCore(consumerPid);
  const perEventUs = (key: keyof typeof waitedAfter) =>
    Math.round(((waitedAfter[key] - waitedBefore[key]) * 1000) / Math.max(1, probe.handledCount));
  const backlog = await phase.sampler?.stop();
  const summary = probe.summary();
  return {
    ...summary,
    lost: summary.events - summary.handled,
    eventLoopUtilization: Math.round(performance.eventLoopUtilization(elu).utilization * 100) / 100,
    cpuCores: Math.round(((cpuUsed.user + cpuUsed.system) / 1e6 / seconds) * 100) / 100,
    ...(backlog ? { backlog } : {}),
    ...(drainsBefore !== undefined ? { relayDrains: phase.drains!() - drainsBefore } : {}),
    waitedForCoreUsPerEvent: { producer: perEventUs('producer'), consumer: perEventUs('consumer'), nats: perEventUs('nats') },
  };
}

/** Waits until every event was handled, or nothing moved for STALL_MS (what is missing is then lost). */
async function waitUntilSettled(probe: LatencyProbe): Promise<void> {
  let seen = -1;
  while (probe.handledCount < probe.expected && probe.handledCount !== seen) {
    seen = probe.handledCount;
    await probe.allHandled(STALL_MS).catch(() => undefined);
  }
}

/** Exactly once, checked after the fact: one consumer row per committed event, none twice. */
async function durableConsistency(producer: INestApplication, consumerSchema: string) {
  const db = producer.get(DataSource);
  await producer.get(OutboxRelay).flush();
  const [{ n: committedEvents }] = await db.query('SELECT count(*)::int AS n FROM outbox_event');
  const [{ n: handledRows, distinct }] = await db.query(
    `SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS distinct FROM "${consumerSchema}".note_seen`,
  );
  return {
    committedEvents,
    handledRows,
    duplicateEffects: handledRows - distinct,
    relayDuplicates: producer.get(OutboxRelay).stats.duplicates,
  };
}

/** Forks the consumers' process and routes the handled times it reports to the probe of the phase being measured. */
async function startConsumerProcess(env: NodeJS.ProcessEnv, probes: Record<ConsumerPath, ProbeHolder>) {
  const child = fork(resolve(__dirname, 'consumer-process.js'), [], { env: { ...process.env, ...env }, stdio: 'inherit' });
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', resolveExit));
  await new Promise<void>((ready, fail) => {
    child.on('message', (message: ConsumerMessage) => {
      if ('ready' in message) return ready();
      const probe = probes[message.path].current;
      for (const [id, at] of message.handled) probe.handled(id, at);
    });
    void exited.then((code) => fail(new Error(`the consumer process exited (${code}) before it was ready`)));
  });
  return {
    pid: child.pid!,
    stop: async () => {
      child.send('stop');
      await exited;
    },
  };
}

function fmtLoad(load: number[]): string {
  return load.map((l) => l.toFixed(2)).join('/');
}

function verdict(met: boolean): string {
  return met ? 'met' : 'MISSED';
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`events bench failed: ${(error as Error).stack ?? error}`);
    process.exit(1);
  },
);
