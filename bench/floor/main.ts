import 'reflect-metadata';
import { ChildProcess, fork } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { ensureEventStream, rpcSubject } from '@alur/messaging';
import { formatLoad, machineOf, round, writeResults, resultsDir } from '../shared/bench-results';
import { cpuOf, pidsNamed } from '../shared/proc-stats';
import { FLOOR_ANSWER, FloorCommand, FloorReply, lanes } from './floor-unit';
import { FLOOR_PROCESSES, lifecycleFloor, LifecycleUnits, Sides, UnitName } from './lifecycle-floor';

/*
 * npm run bench:floor: what each unit of work a grant lifecycle is made of costs on the bare stack,
 * with none of Alur's code: a GET answered by a NestJS app with no middleware, a request/reply to a
 * NestJS NATS microservice, a JetStream publish and its delivery and ack, a prepared PostgreSQL read,
 * a one-statement committed transaction, and a BullMQ job added, processed and completed. Each far side
 * runs in a process of its own; CPU comes from /proc (the servers') and process.cpuUsage() (the caller's).
 * Multiplied by the units a lifecycle is made of, the sum is what a lifecycle would cost if Alur's own
 * code cost nothing: a floor under bench:lifecycle's figure.
 */
const int = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const OPS = int('BENCH_OPS', 10_000);
/** As many first, unmeasured: V8 optimises the clients' code over the first thousands (at 4,000 the floor came out twice as high). */
const WARM_UP = int('BENCH_WARM_UP', OPS);
/**
 * Operations in flight at once, each level a run of every unit: one at a time, each operation pays its own
 * system calls and wake-ups in every process it crosses; twenty at a time, they share them.
 */
const CONCURRENCIES = (process.env.BENCH_CONCURRENCY ?? '1,20').split(',').map(Number);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/alur';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

interface UnitCost {
  unit: UnitName;
  what: string;
  ops: number;
  opsPerSecond: number;
  /** Who asks, who answers, and the server in between (if any) for this unit. */
  sides: { asking: string; answering: string; between: string | null };
  /** CPU µs per operation of each side, and in all. */
  cpuMicros: Sides & { total: number };
}

/**
 * How many of each unit one lifecycle is made of, and what it cost each process (net of idle), from the
 * last bench:lifecycle run; without one, the counts of 2026-12-03's run. Processed jobs: none, as an e-mail
 * or SMS delivery's first attempt takes no job (DeliveryDispatcher) and nearly every one succeeds at it (the
 * stage alarms added and removed are left out); statements come from pg_stat_statements where the run's
 * server loaded it.
 */
function lastLifecycle(): { source: string; units: LifecycleUnits; measuredMs?: Record<string, number> } {
  const units: LifecycleUnits = { requests: 13.15, events: 16, deliveries: 49, statements: 151.7, commits: 33.3, jobs: 0 };
  const latest = join(resultsDir(), 'lifecycle-latest.json');
  if (!existsSync(latest)) return { source: 'bench:lifecycle on 2026-12-03', units };
  const run = JSON.parse(readFileSync(latest, 'utf8'));
  const net: Record<string, number> = run.cpuMsPerLifecycleNetOfIdle;
  const services = ['proposals', 'approvals', 'disbursements', 'notifications'].reduce((sum, s) => sum + net[s], 0);
  return {
    source: `${latest} (${run.startedAt})`,
    units: {
      ...units,
      requests: round(
        Object.values(run.requestsPerLifecycle as Record<string, number>).reduce((a, b) => a + b, 0),
        2,
      ),
      events: run.cost.nats.streamMessagesPerLifecycle,
      deliveries: run.cost.nats.consumerDeliveriesPerLifecycle,
      commits: run.cost.postgresCommitsPerLifecycle,
      statements: run.cost.postgresStatementsPerLifecycle ?? units.statements,
    },
    measuredMs: {
      gateway: net.gateway,
      services: round(services, 1),
      postgres: net.postgres,
      nats: net.nats,
      redis: net.redis,
      total: net.total,
    },
  };
}

class UnitProcess {
  private readonly listeners = new Set<(reply: FloorReply) => void>();
  readonly exited: Promise<number | null>;

  constructor(private readonly child: ChildProcess) {
    child.on('message', (reply: FloorReply) => this.listeners.forEach((listener) => listener(reply)));
    this.exited = new Promise((done) => child.once('exit', done));
  }

  static async start(command: Extract<FloorCommand, { start: unknown }>): Promise<{ unit: UnitProcess; port?: number }> {
    const unit = new UnitProcess(fork(resolve(__dirname, 'unit-process.js'), [], { stdio: 'inherit' }));
    unit.child.send(command);
    const ready = await unit.until((reply) => ('ready' in reply ? reply : undefined));
    return { unit, port: ready.port };
  }

  get pid(): number {
    return this.child.pid!;
  }

  send(command: FloorCommand): void {
    this.child.send(command);
  }

  /** Resolves with the first reply `pick` accepts; fails if the process exits first. */
  until<T>(pick: (reply: FloorReply) => T | undefined): Promise<T> {
    return new Promise<T>((done, fail) => {
      const listener = (reply: FloorReply) => {
        const picked = pick(reply);
        if (picked === undefined) return;
        this.listeners.delete(listener);
        done(picked);
      };
      this.listeners.add(listener);
      void this.exited.then((code) => fail(new Error(`the unit process exited (${code})`)));
    });
  }

  consumed(count: number): Promise<number> {
    return this.until((reply) => ('consumed' in reply && reply.consumed >= count ? reply.consumed : undefined));
  }

  async stop(): Promise<void> {
    this.send('stop');
    await this.exited;
  }
}

/** The CPU (ms) of the caller (this process), the unit process and the named servers, so far. */
function cpuNow(answerer: number, serverName: string | null) {
  const own = process.cpuUsage();
  const server = (serverName ? pidsNamed(serverName) : []).reduce((sum, pid) => {
    const cpu = cpuOf(pid);
    return sum + (cpu ? cpu.userMs + cpu.kernelMs : 0);
  }, 0);
  const unit = cpuOf(answerer);
  return { caller: (own.user + own.system) / 1000, answerer: unit ? unit.userMs + unit.kernelMs : 0, server, at: performance.now() };
}

/** CPU per operation (µs) of this process, the unit process and the named server, over `ops` operations. */
type Measured = { bench: number; unit: number; server: number; opsPerSecond: number };

/**
 * Runs `ops` operations after WARM_UP unmeasured ones, and returns the CPU per operation measured over
 * the counted ones.
 */
async function measure(unitPid: number, serverName: string | null, run: (count: number) => Promise<void>): Promise<Measured> {
  await run(WARM_UP);
  const before = cpuNow(unitPid, serverName);
  await run(OPS);
  const after = cpuNow(unitPid, serverName);
  const per = (ms: number) => round((ms * 1000) / OPS, 0);
  return {
    bench: per(after.caller - before.caller),
    unit: per(after.answerer - before.answerer),
    server: per(after.server - before.server),
    opsPerSecond: round((OPS * 1000) / (after.at - before.at), 0),
  };
}

function unitCost(
  unit: UnitName,
  what: string,
  sides: UnitCost['sides'],
  measured: Measured,
  cpu: Omit<UnitCost['cpuMicros'], 'total'>,
): UnitCost {
  const cost = {
    unit,
    what,
    ops: OPS,
    opsPerSecond: measured.opsPerSecond,
    sides,
    cpuMicros: { ...cpu, total: cpu.asking + cpu.answering + cpu.between },
  };
  const side = (name: string | null, micros: number) => (name ? `${name} ${micros}` : '');
  console.log(
    `  ${unit.padEnd(10)} ${String(cost.cpuMicros.total).padStart(5)} = ${[side(sides.asking, cpu.asking), side(sides.answering, cpu.answering), side(sides.between, cpu.between)].filter(Boolean).join(' + ')}   (${cost.opsPerSecond}/s)`,
  );
  return cost;
}

/** The usual roles: this process asks, the unit process answers, the named server is between. */
const sidesOf = (measured: Measured): Sides => ({ asking: measured.bench, answering: measured.unit, between: measured.server });

/** A unit whose operation this process sends and the unit process consumes: each counted once consumed there. */
async function measureHandedOn(
  name: UnitName,
  what: string,
  sides: UnitCost['sides'],
  unit: UnitProcess,
  serverName: string,
  concurrency: number,
  send: () => Promise<unknown>,
): Promise<UnitCost> {
  let sent = 0;
  const measured = await measure(unit.pid, serverName, async (n) => {
    await lanes(n, concurrency, async () => {
      await send();
      sent++;
    });
    await unit.consumed(sent);
  });
  return unitCost(name, what, sides, measured, sidesOf(measured));
}

async function httpUnit(concurrency: number): Promise<UnitCost> {
  const { unit, port } = await UnitProcess.start({ start: { unit: 'http' } });
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const one = () =>
    new Promise<void>((done, fail) => {
      get({ host: '127.0.0.1', port, path: '/floor/me', agent }, (response) => {
        response.resume();
        response.on('end', () => (response.statusCode === 200 ? done() : fail(new Error(`HTTP ${response.statusCode}`))));
      }).on('error', fail);
    });
  try {
    // The asking side stands for the browser: only the answering app's CPU belongs to the floor.
    const measured = await measure(unit.pid, null, (n) => lanes(n, concurrency, one));
    return unitCost(
      'http',
      'GET answered by a NestJS app (express) with no middleware',
      { asking: 'browser', answering: 'app', between: null },
      measured,
      sidesOf(measured),
    );
  } finally {
    agent.destroy();
    await unit.stop();
  }
}

async function rpcUnit(nc: NatsConnection, prefix: string, concurrency: number): Promise<UnitCost> {
  const { unit } = await UnitProcess.start({ start: { unit: 'rpc', natsUrl: NATS_URL, prefix } });
  const subject = rpcSubject(prefix, 'floor.me');
  // As RpcClient asks: the pattern, the request and an id, as JSON; the answer read as JSON.
  const one = async () => {
    const packet = JSON.stringify({
      pattern: subject,
      data: { meta: { correlationId: randomUUID() }, data: FLOOR_ANSWER },
      id: randomUUID(),
    });
    (await nc.request(subject, packet, { timeout: 5000 })).json();
  };
  try {
    const measured = await measure(unit.pid, 'nats-server', (n) => lanes(n, concurrency, one));
    return unitCost(
      'rpc',
      'request/reply to a NestJS NATS microservice',
      { asking: 'client', answering: 'service', between: 'nats' },
      measured,
      {
        asking: measured.bench,
        answering: measured.unit,
        between: measured.server,
      },
    );
  } finally {
    await unit.stop();
  }
}

async function jetstreamUnit(nc: NatsConnection, run: string, concurrency: number): Promise<UnitCost> {
  const stream = `FLOOR_${run.toUpperCase()}`;
  const jsm = await jetstreamManager(nc);
  await ensureEventStream(jsm, stream, `floor_${run}`);
  const { unit } = await UnitProcess.start({ start: { unit: 'jetstream', natsUrl: NATS_URL, stream } });
  const js = jetstream(nc);
  const body = JSON.stringify({ id: randomUUID(), type: 'floor.note-recorded', version: 1, payload: FLOOR_ANSWER });
  try {
    // As the relay publishes: with the event id as Nats-Msg-Id, awaiting JetStream's ack.
    return await measureHandedOn(
      'jetstream',
      'JetStream publish (file storage, acked) and its delivery to a durable consumer, acked',
      { asking: 'publisher', answering: 'consumer', between: 'nats' },
      unit,
      'nats-server',
      concurrency,
      () => js.publish(`floor_${run}.floor.note-recorded`, body, { msgID: randomUUID(), timeout: 5000 }),
    );
  } finally {
    await unit.stop();
    await jsm.streams.delete(stream).catch(() => undefined);
  }
}

async function postgresUnits(run: string, concurrency: number): Promise<UnitCost[]> {
  const database = `alur_bench_floor_${run}`;
  const admin = new Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  const url = new URL(DATABASE_URL);
  url.pathname = `/${database}`;
  const { unit } = await UnitProcess.start({ start: { unit: 'postgres', databaseUrl: url.toString(), concurrency } });
  const ran = (statement: 'read' | 'commit') => async (count: number) => {
    unit.send({ pg: { statement, count, concurrency } });
    await unit.until((reply) => ('ran' in reply ? reply.ran : undefined));
  };
  try {
    // The pool (in the unit process) asks, PostgreSQL's backends answer.
    const sides = { asking: 'pg client', answering: 'postgres', between: null };
    const read = await measure(unit.pid, 'postgres', ran('read'));
    const commit = await measure(unit.pid, 'postgres', ran('commit'));
    return [
      unitCost('pg read', 'a prepared read by primary key (pg pool)', sides, read, {
        asking: read.unit,
        answering: read.server,
        between: 0,
      }),
      unitCost('pg commit', 'a one-statement transaction: a prepared INSERT, committed', sides, commit, {
        asking: commit.unit,
        answering: commit.server,
        between: 0,
      }),
    ];
  } finally {
    await unit.stop();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

async function bullmqUnit(run: string, concurrency: number): Promise<UnitCost> {
  const name = `floor-${run}`;
  const { unit } = await UnitProcess.start({ start: { unit: 'bullmq', redisUrl: REDIS_URL, queue: name, concurrency: 25 } });
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue(name, { connection });
  try {
    return await measureHandedOn(
      'bullmq',
      'a BullMQ job added, processed by a worker (25 at a time) and completed',
      { asking: 'producer', answering: 'worker', between: 'redis' },
      unit,
      'redis-server',
      concurrency,
      () => queue.add('deliver', { deliveryId: randomUUID() }, { jobId: randomUUID(), removeOnComplete: true, attempts: 5 }),
    );
  } finally {
    await unit.stop();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    connection.disconnect();
  }
}

/** Every unit at one level of concurrency, and the lifecycle's floor from them. */
async function floorAt(concurrency: number, nc: NatsConnection, run: string, lifecycle: LifecycleUnits) {
  console.log(`\n${concurrency} at a time: CPU µs per operation, in all = each side`);
  const costs: UnitCost[] = [];
  costs.push(await httpUnit(concurrency));
  costs.push(await rpcUnit(nc, `floor_${run}`, concurrency));
  costs.push(await jetstreamUnit(nc, run, concurrency));
  costs.push(...(await postgresUnits(run, concurrency)));
  costs.push(await bullmqUnit(run, concurrency));
  const cost = Object.fromEntries(costs.map((c) => [c.unit, c.cpuMicros as Sides])) as Record<UnitName, Sides>;
  return { concurrency, units: costs, floorMs: lifecycleFloor(lifecycle, cost) };
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadBefore = loadavg();
  const run = randomBytes(3).toString('hex');
  console.log(`floor bench: ${OPS} operations of each unit, after ${WARM_UP} to warm up, at ${CONCURRENCIES.join(' and ')} at a time`);
  const nc = await connect({ servers: NATS_URL, noAsyncTraces: true });
  const { source, units, measuredMs } = lastLifecycle();
  const levels: Array<Awaited<ReturnType<typeof floorAt>>> = [];
  try {
    for (const concurrency of CONCURRENCIES) levels.push(await floorAt(concurrency, nc, run, units));
  } finally {
    await nc.close();
  }
  console.log(
    `\na lifecycle (${source}): ${units.requests} requests, ${units.events} events, ${units.deliveries} deliveries, ` +
      `${units.statements} statements of which ${units.commits} commit, ${units.jobs} jobs`,
  );
  console.log('CPU ms per lifecycle were Alur’s own code free (the floor, by operations at a time), and as measured (net of idle):');
  console.log(
    `  ${'process'.padEnd(10)} ${levels.map((l) => `${l.concurrency} at a time`.padStart(13)).join('')} ${'measured'.padStart(9)}`,
  );
  for (const process of [...FLOOR_PROCESSES, 'total'] as const) {
    const floors = levels.map((l) => String(l.floorMs[process]).padStart(13)).join('');
    console.log(`  ${process.padEnd(10)} ${floors} ${String(measuredMs?.[process] ?? '').padStart(9)}`);
  }
  console.log(`machine load ${formatLoad(loadBefore)} → ${formatLoad(loadavg())}`);
  const file = writeResults(
    'floor',
    {
      bench: 'floor',
      startedAt: startedAt.toISOString(),
      machine: machineOf(loadBefore),
      shape: { ops: OPS, warmUp: WARM_UP, concurrencies: CONCURRENCIES },
      levels,
      lifecycle: { source, units, measuredMs: measuredMs ?? null },
    },
    startedAt,
  );
  console.log(`results: ${file}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`floor bench failed: ${(error as Error).stack ?? error}`);
    process.exit(1);
  },
);
