import { JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { METRICS } from '@alur/metrics';
import { formatLoad, mib, round } from './bench-results';
import { cpuMsOf, cpuOf, machineCpuMs, memoryOf, pidsNamed, readWriteCallsOf, scheduleOf } from './proc-stats';
import { RunningSystem, Service, SERVICES } from './running-system';
import { NATS_TRAFFIC_KINDS, NatsTrafficCounter, NatsTrafficKind } from './nats-traffic';
import { sampleSum, scrapeInstance } from './service-metrics';

interface Snapshot {
  services: Record<Service, number>;
  /** The services' CPU in the kernel, and nats-server's and redis-server's. */
  kernel: Record<Service | 'nats' | 'redis', number>;
  /** Milliseconds the services, nats-server and redis-server were runnable but waiting for a core, and the times they were put on one. */
  waitingMs: Record<Service | 'nats' | 'redis', number>;
  runs: Record<Service | 'nats' | 'redis', number>;
  /** Their read and write system calls. */
  readWriteCalls: Record<Service | 'nats' | 'redis', number>;
  mailCatcher: number;
  benchDriver: number;
  nats: number;
  redis: number;
  machineBusy: number;
  machineKernel: number;
  xactCommit: number;
  xactRollback: number;
  /** Statements the bench database ran, transaction control left out; null without pg_stat_statements. */
  statements: number | null;
  streamMessages: number;
  consumerDeliveries: number;
  redisCommands: number;
  /** Outbox relay drains so far, by service (its replicas together), from their /metrics. */
  relayDrains: Record<Service, number>;
  /** Messages the services' consumers acknowledged unread so far (no handler takes them), from their /metrics. */
  ignoredDeliveries: Record<Service, number>;
  /** The system's NATS messages so far by kind, when counted (BENCH_NATS_TRAFFIC=1). */
  natsTraffic?: Record<NatsTrafficKind, number>;
}

/** What the meter reads of a PostgreSQL backend: its CPU and time waiting for a core (ms), and its runs on a core. */
interface BackendSample {
  cpuMs: number;
  waitingMs: number;
  runs: number;
}

export interface CostReport {
  lifecycles: number;
  seconds: number;
  /** CPU per lifecycle by process, from /proc; `total` leaves out the mail catcher and the bench itself. */
  cpuMsPerLifecycle: Record<string, number>;
  cpuMsPerLifecycleNotes: Record<string, string>;
  /**
   * Per lifecycle by process, from schedstat: milliseconds runnable but waiting for a core, of the thread that
   * reads the process's messages (a service's and redis-server's main thread, each PostgreSQL backend, every
   * thread of nats-server). Not CPU, and in no CPU figure: how long, on a busy machine, the messages that woke a
   * process waited for it to run.
   */
  waitingForCoreMsPerLifecycle: Record<string, number>;
  /** Per lifecycle by process, the times the same thread was put on a core: its wake-ups (messages, answers, timers). */
  runsPerLifecycle: Record<string, number>;
  /** Read and write system calls per lifecycle by process (/proc/<pid>/io); PostgreSQL's backends recv and send instead, so none for it. */
  readWriteCallsPerLifecycle: Record<string, number>;
  postgresCommitsPerLifecycle: number;
  postgresRollbacksPerLifecycle: number;
  /**
   * Statements run per lifecycle (BEGIN, COMMIT, ROLLBACK, SAVEPOINT and SET left out, and the bench's own), from pg_stat_statements
   * where the server loads it (shared_preload_libraries); null where it does not.
   */
  postgresStatementsPerLifecycle: number | null;
  nats: {
    streamMessagesPerLifecycle: number;
    consumerDeliveriesPerLifecycle: number;
    /** Of those deliveries, the ones acknowledged unread, by service and in all (nats-server 2.9's one filter per consumer). */
    ignoredDeliveriesPerLifecycle: Record<Service | 'total', number>;
    /**
     * Every NATS message of the system per lifecycle, by kind (events: publishes and deliveries; replies: every
     * inbox reply on the server), counted by a subscriber to all subjects when BENCH_NATS_TRAFFIC=1; else null.
     */
    messagesPerLifecycle: (Record<NatsTrafficKind, number> & { total: number }) | null;
    consumers: number;
    note: string;
  };
  redisCommandsPerLifecycle: number;
  /**
   * Outbox relay drains per lifecycle by service, and in all: each drain that publishes is a transaction of its
   * own (one of the commits above), and the events stored ÷ drains is how many each carried.
   */
  relayDrainsPerLifecycle: Record<Service | 'total', number>;
  /** Busy CPU of the whole machine over the window, and what processes outside the bench's used of it. */
  machine: { busyCores: number; benchCores: number; otherCores: number };
  /**
   * The share of CPU spent in the kernel (system calls, interrupts), of the machine and of each service,
   * nats-server and redis-server: what each message between processes costs besides its own work.
   */
  kernelShare: Record<string, number>;
  rssMiB: Record<Service, { now: number; peak: number }> & { total: { now: number } };
}

/**
 * What the system spends between start() and stop(), from the operating system and the servers'
 * own counters. The bench's own database makes PostgreSQL's figures exact for it: commits from
 * `pg_stat_database`, CPU of the backends connected to it (sampled each second, since pools open
 * and close connections). NATS and Redis serve the whole machine, so their CPU includes whatever
 * else runs meanwhile; `machine.otherCores` says how much that was.
 */
export class CostMeter {
  /** Each backend of the bench database at its first and last sample. */
  private backends = new Map<number, { first: BackendSample; last: BackendSample }>();
  private sampler?: NodeJS.Timeout;
  private sampling?: Promise<void>;
  private begin?: Snapshot;
  private startedAt = 0;

  private constructor(
    private readonly system: RunningSystem,
    private readonly pg: Client,
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    private readonly redis: Redis,
    private readonly statementsCounted: boolean,
    private readonly natsTraffic?: NatsTrafficCounter,
  ) {}

  static async open(system: RunningSystem): Promise<CostMeter> {
    // Cluster-wide views read from the `postgres` database, so the meter's queries are not the bench database's commits.
    const admin = new URL(system.databaseUrl);
    admin.pathname = '/postgres';
    const pg = new Client({ connectionString: admin.toString(), application_name: 'alur-bench-meter' });
    await pg.connect();
    const nc = await connect({ servers: system.env.NATS_URL, name: 'alur-bench-meter' });
    const redis = new Redis(system.env.REDIS_URL!, { lazyConnect: false });
    const natsTraffic = process.env.BENCH_NATS_TRAFFIC === '1' ? await countNatsTraffic(nc, system) : undefined;
    return new CostMeter(system, pg, nc, await jetstreamManager(nc), redis, await countsStatements(pg), natsTraffic);
  }

  async start(): Promise<void> {
    this.backends.clear();
    await this.sampleBackends(true);
    this.begin = await this.snapshot();
    this.startedAt = Date.now();
    this.sampler = setInterval(() => {
      this.sampling ??= this.sampleBackends(false).finally(() => (this.sampling = undefined));
    }, 1000);
  }

  /** `ownCommits`: statements the bench itself ran against its database meanwhile (each its own commit), left out of the commits and statements. */
  async stop(lifecycles: number, ownCommits = 0): Promise<CostReport> {
    clearInterval(this.sampler);
    await this.sampling;
    await this.sampleBackends(false);
    const end = await this.snapshot();
    const begin = this.begin!;
    const seconds = (Date.now() - this.startedAt) / 1000;
    const per = (value: number) => round(value / Math.max(1, lifecycles), 1);

    const backendsIncrease = (key: keyof BackendSample) =>
      [...this.backends.values()].reduce((total, { first, last }) => total + last[key] - first[key], 0);
    const backendsMs = backendsIncrease('cpuMs');

    const services = Object.fromEntries(SERVICES.map((s) => [s, end.services[s] - begin.services[s]])) as Record<Service, number>;
    const nats = end.nats - begin.nats;
    const redis = end.redis - begin.redis;
    const total = SERVICES.reduce((sum, s) => sum + services[s], 0) + backendsMs + nats + redis;
    const mailCatcher = end.mailCatcher - begin.mailCatcher;
    const benchDriver = end.benchDriver - begin.benchDriver;
    const machineBusy = end.machineBusy - begin.machineBusy;
    const servers = [...SERVICES, 'nats', 'redis'] as const;
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    /** A counter's increase per lifecycle for each service, the backends (when counted for them), nats-server, redis-server, and in all. */
    const perProcess = (counter: 'waitingMs' | 'runs' | 'readWriteCalls', backendsIncrease?: number) => {
      const increase = Object.fromEntries(servers.map((p) => [p, end[counter][p] - begin[counter][p]]));
      return {
        ...Object.fromEntries(SERVICES.map((s) => [s, per(increase[s])])),
        ...(backendsIncrease === undefined ? {} : { postgres: per(backendsIncrease) }),
        nats: per(increase.nats),
        redis: per(increase.redis),
        total: per(sum(Object.values(increase)) + (backendsIncrease ?? 0)),
      };
    };
    const rss = {} as CostReport['rssMiB'];
    let rssTotal = 0;
    for (const service of SERVICES) {
      const memory = memoryOf(this.system.pids[service]);
      rss[service] = { now: mib(memory?.rssBytes ?? 0), peak: mib(memory?.peakRssBytes ?? 0) };
      rssTotal += memory?.rssBytes ?? 0;
    }
    rss.total = { now: mib(rssTotal) };

    return {
      lifecycles,
      seconds: round(seconds, 1),
      cpuMsPerLifecycle: {
        ...Object.fromEntries(SERVICES.map((s) => [s, per(services[s])])),
        postgres: per(backendsMs),
        nats: per(nats),
        redis: per(redis),
        total: per(total),
        mailCatcher: per(mailCatcher),
        benchDriver: per(benchDriver),
      },
      cpuMsPerLifecycleNotes: {
        postgres:
          'backends connected to the bench database (its own), sampled every second; the server’s WAL writer, checkpointer and background writer serve every database and are left out',
        nats: 'the whole nats-server process, shared with whatever else ran meanwhile',
        redis: 'the whole redis-server process, shared with whatever else ran meanwhile',
        total: 'services + postgres (bench database backends) + nats + redis; the mail catcher and the bench driver are left out',
      },
      waitingForCoreMsPerLifecycle: perProcess('waitingMs', backendsIncrease('waitingMs')),
      runsPerLifecycle: perProcess('runs', backendsIncrease('runs')),
      readWriteCallsPerLifecycle: perProcess('readWriteCalls'),
      postgresCommitsPerLifecycle: per(end.xactCommit - begin.xactCommit - ownCommits),
      postgresRollbacksPerLifecycle: per(end.xactRollback - begin.xactRollback),
      postgresStatementsPerLifecycle:
        end.statements === null || begin.statements === null ? null : per(end.statements - begin.statements - ownCommits),
      nats: {
        streamMessagesPerLifecycle: per(end.streamMessages - begin.streamMessages),
        consumerDeliveriesPerLifecycle: per(end.consumerDeliveries - begin.consumerDeliveries),
        ignoredDeliveriesPerLifecycle: perKeyAndTotal(SERVICES, begin.ignoredDeliveries, end.ignoredDeliveries, per),
        messagesPerLifecycle:
          begin.natsTraffic && end.natsTraffic ? perKeyAndTotal(NATS_TRAFFIC_KINDS, begin.natsTraffic, end.natsTraffic, per) : null,
        consumers: (await this.consumers()).length,
        note: 'events stored in the bench stream, and deliveries to all its durable consumers (redeliveries included); the server has no monitoring port here, so every other message (acks, requests, replies, wake-ups) is counted only with BENCH_NATS_TRAFFIC=1, in messagesPerLifecycle',
      },
      redisCommandsPerLifecycle: per(end.redisCommands - begin.redisCommands),
      relayDrainsPerLifecycle: perKeyAndTotal(SERVICES, begin.relayDrains, end.relayDrains, per),
      machine: {
        busyCores: round(machineBusy / 1000 / seconds, 2),
        benchCores: round((total + mailCatcher + benchDriver) / 1000 / seconds, 2),
        otherCores: round((machineBusy - total - mailCatcher - benchDriver) / 1000 / seconds, 2),
      },
      kernelShare: {
        machine: share(end.machineKernel - begin.machineKernel, machineBusy),
        ...Object.fromEntries(SERVICES.map((s) => [s, share(end.kernel[s] - begin.kernel[s], services[s])])),
        nats: share(end.kernel.nats - begin.kernel.nats, nats),
        redis: share(end.kernel.redis - begin.kernel.redis, redis),
      },
      rssMiB: rss,
    };
  }

  async close(): Promise<void> {
    this.natsTraffic?.stop();
    clearInterval(this.sampler);
    await this.sampling;
    await this.pg.end();
    await this.nc.close();
    this.redis.disconnect();
  }

  /** The bench stream's durable consumers (one per service, or more if the messaging library splits them). */
  async consumers() {
    const list = await this.jsm.consumers.list(this.system.env.NATS_STREAM!).next();
    return list;
  }

  private async sampleBackends(baseline: boolean): Promise<void> {
    const { rows } = await this.pg.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [
      this.system.databaseName,
    ]);
    for (const { pid } of rows) {
      const cpuMs = cpuMsOf(pid);
      const schedule = scheduleOf(pid);
      if (cpuMs === undefined || schedule === undefined) continue;
      const sample = { cpuMs, waitingMs: schedule.waitingMs, runs: schedule.runs };
      const known = this.backends.get(pid);
      // A backend first seen after the start began after it: all its CPU, waiting and runs count.
      if (known) known.last = sample;
      else this.backends.set(pid, { first: baseline ? sample : { cpuMs: 0, waitingMs: 0, runs: 0 }, last: sample });
    }
  }

  /** The bench database's statements so far, transaction control left out (pg_stat_statements counts it as statements too). */
  private async statementsRun(): Promise<number> {
    const { rows } = await this.pg.query<{ calls: string }>(
      `SELECT coalesce(sum(s.calls), 0) AS calls FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname = $1 AND s.query !~* '^\\s*(BEGIN|COMMIT|ROLLBACK|START TRANSACTION|SAVEPOINT|RELEASE|SET)\\M'`,
      [this.system.databaseName],
    );
    return Number(rows[0]?.calls ?? 0);
  }

  private async snapshot(): Promise<Snapshot> {
    // Each process's /proc entry read once: its CPU in all, and in the kernel.
    const cpuOfAll = (pids: number[]) =>
      pids.reduce(
        (total, pid) => {
          const cpu = cpuOf(pid);
          return { all: total.all + (cpu ? cpu.userMs + cpu.kernelMs : 0), kernel: total.kernel + (cpu?.kernelMs ?? 0) };
        },
        { all: 0, kernel: 0 },
      );
    const serviceCpu = Object.fromEntries(SERVICES.map((s) => [s, cpuOfAll([this.system.pids[s]])])) as Record<
      Service,
      { all: number; kernel: number }
    >;
    const natsPids = pidsNamed('nats-server');
    const redisPids = pidsNamed('redis-server');
    const natsCpu = cpuOfAll(natsPids);
    const redisCpu = cpuOfAll(redisPids);
    const pidsOf = { ...Object.fromEntries(SERVICES.map((s) => [s, [this.system.pids[s]]])), nats: natsPids, redis: redisPids } as Record<
      Service | 'nats' | 'redis',
      number[]
    >;
    const summed = (read: (pid: number) => number | undefined) =>
      Object.fromEntries(
        Object.entries(pidsOf).map(([name, pids]) => [name, pids.reduce((total, pid) => total + (read(pid) ?? 0), 0)]),
      ) as Record<Service | 'nats' | 'redis', number>;
    // A Node service and redis-server read their messages on their main thread, nats-server (Go) on any of its threads.
    const schedules = new Map(
      Object.entries(pidsOf).flatMap(([name, pids]) => pids.map((pid) => [pid, scheduleOf(pid, { allThreads: name === 'nats' })] as const)),
    );
    const services = Object.fromEntries(SERVICES.map((s) => [s, serviceCpu[s].all])) as Record<Service, number>;
    const kernel = {
      ...Object.fromEntries(SERVICES.map((s) => [s, serviceCpu[s].kernel])),
      nats: natsCpu.kernel,
      redis: redisCpu.kernel,
    } as Snapshot['kernel'];
    const machine = machineCpuMs();
    const { rows } = await this.pg.query<{ xact_commit: string; xact_rollback: string }>(
      'SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = $1',
      [this.system.databaseName],
    );
    const statements = this.statementsCounted ? await this.statementsRun() : null;
    const stream = await this.jsm.streams.info(this.system.env.NATS_STREAM!);
    const consumers = await this.consumers();
    const info = await this.redis.info('stats');
    const usage = process.cpuUsage();
    // What the server sent before this round trip has reached the counting subscriber.
    if (this.natsTraffic) await this.nc.flush();
    const relayDrains = Object.fromEntries(SERVICES.map((s) => [s, 0])) as Record<Service, number>;
    const ignoredDeliveries = { ...relayDrains };
    await Promise.all(
      this.system.instances.map(async (instance) => {
        const exposition = await scrapeInstance(instance.port);
        if (!exposition) return;
        relayDrains[instance.service] += sampleSum(exposition, METRICS.outboxDrains);
        ignoredDeliveries[instance.service] += sampleSum(exposition, METRICS.eventsIgnored);
      }),
    );
    return {
      services,
      kernel,
      waitingMs: summed((pid) => schedules.get(pid)?.waitingMs),
      runs: summed((pid) => schedules.get(pid)?.runs),
      readWriteCalls: summed(readWriteCallsOf),
      mailCatcher: cpuMsOf(this.system.mailCatcherPid) ?? 0,
      benchDriver: (usage.user + usage.system) / 1000,
      nats: natsCpu.all,
      redis: redisCpu.all,
      machineBusy: machine.busy,
      machineKernel: machine.kernel,
      xactCommit: Number(rows[0]?.xact_commit ?? 0),
      xactRollback: Number(rows[0]?.xact_rollback ?? 0),
      statements,
      streamMessages: stream.state.messages,
      consumerDeliveries: consumers.reduce((total, c) => total + c.delivered.consumer_seq, 0),
      redisCommands: Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? 0),
      relayDrains,
      ignoredDeliveries,
      natsTraffic: this.natsTraffic?.snapshot(),
    };
  }
}

async function countNatsTraffic(nc: NatsConnection, system: RunningSystem): Promise<NatsTrafficCounter> {
  return NatsTrafficCounter.start(nc, { subjectPrefix: system.env.NATS_SUBJECT_PREFIX!, stream: system.env.NATS_STREAM! });
}

/** Counters' increase over the window per lifecycle, by key (service, kind of message) and in all. */
function perKeyAndTotal<K extends string>(
  keys: readonly K[],
  begin: Record<K, number>,
  end: Record<K, number>,
  per: (count: number) => number,
): Record<K | 'total', number> {
  return {
    ...(Object.fromEntries(keys.map((key) => [key, per(end[key] - begin[key])])) as Record<K, number>),
    total: per(keys.reduce((sum, key) => sum + end[key] - begin[key], 0)),
  };
}

/**
 * Whether the server counts statements (pg_stat_statements in shared_preload_libraries); the view is then
 * made readable in the `postgres` database the meter reads from. Nothing is changed on a server without it.
 */
async function countsStatements(pg: Client): Promise<boolean> {
  const { rows } = await pg.query<{ loaded: boolean }>(
    `SELECT current_setting('shared_preload_libraries') ~ '(^|[ ,])pg_stat_statements($|[ ,])' AS loaded`,
  );
  if (!rows[0]?.loaded) return false;
  try {
    await pg.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    return true;
  } catch {
    return false;
  }
}

/** A part of a whole, to two decimals (0 where the whole is nothing). */
const share = (part: number, whole: number) => (whole > 0 ? round(part / whole, 2) : 0);

/**
 * CPU per lifecycle less what the processes spend when nothing happens (timers, relay polls,
 * keep-alives), measured over an idle window: on a slow run the idle share would otherwise be
 * charged to the few lifecycles that finished.
 */
export function netOfIdle(cost: CostReport, idle: CostReport): Record<string, number> {
  const idlePerSecond = (process: string) => (idle.cpuMsPerLifecycle[process] ?? 0) / Math.max(idle.seconds, 0.001);
  return Object.fromEntries(
    Object.entries(cost.cpuMsPerLifecycle).map(([process, ms]) => [
      process,
      round(Math.max(0, ms - (idlePerSecond(process) * cost.seconds) / Math.max(1, cost.lifecycles)), 1),
    ]),
  );
}

/** The report's line on the machine: how busy, by whom, how much of it in the kernel, and its load. */
export function describeMachine(cost: CostReport, load: { loadBefore: number[]; loadAfter: number[] }): string {
  const { machine, kernelShare } = cost;
  const percent = (share: number | undefined) => `${Math.round((share ?? 0) * 100)}%`;
  return (
    `machine: ${machine.busyCores} cores busy, ${machine.benchCores} by the bench, ${machine.otherCores} by other work, ` +
    `${percent(kernelShare.machine)} of it in the kernel (services ${SERVICES.map((s) => percent(kernelShare[s])).join('/')}, ` +
    `nats ${percent(kernelShare.nats)}, redis ${percent(kernelShare.redis)}); load ${formatLoad(load.loadBefore)} → ${formatLoad(load.loadAfter)}`
  );
}
