import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { Client } from 'pg';
import { METRICS_PORT_OFFSET } from '@alur/metrics';
import { createTestIsolation, freePorts, removeTestResources, TEST_RUN_ENV } from '@alur/testing';
import { sleep } from './bench-results';
import { productionTimings } from './production-timings';

export const SERVICES = ['proposals', 'approvals', 'disbursements', 'notifications', 'gateway'] as const;
export type Service = (typeof SERVICES)[number];

/**
 * One process of a service. Replica 1 is named after its service (`gateway`), the others as Compose
 * names them (`gateway-2`). Replicas share everything but their HTTP (and so metrics) port: the same
 * schemas, stream, durable consumer and queue prefix.
 */
export interface ServiceInstance {
  name: string;
  service: Service;
  replica: number;
  port: number;
}

export interface StartOptions {
  /** Processes per service (gateway included), each on its own port. */
  replicas?: number;
  /** Set for every service, over the run's defaults (e.g. shorter timings for a test). */
  env?: NodeJS.ProcessEnv;
}

export interface RunningSystem {
  /** The (first) gateway's base URL. */
  url: string;
  /** Every gateway's base URL, replica 1 first. */
  urls: string[];
  /** The environment every service runs with (own database, stream, subjects and queues); replica 1's ports. */
  env: NodeJS.ProcessEnv;
  databaseUrl: string;
  databaseName: string;
  instances: ServiceInstance[];
  /** By instance name; replica 1 is keyed by its service. */
  pids: Record<string, number>;
  mailCatcherPid: number;
  logDir: string;
  /** Stops the services (gracefully, so `--cpu-prof` profiles are written), then the mail catcher. */
  stop(): Promise<void>;
  /** Drops the bench's database, stream and queue keys. */
  remove(): Promise<void>;
}

/** The build's root: this file runs from dist/bench/shared once built, or from bench/shared under Jest. */
export const DIST = basename(resolve(__dirname, '../..')) === 'dist' ? resolve(__dirname, '../..') : resolve(__dirname, '../../dist');
/**
 * The environment every service process runs with (infra/service-runtime.env), as npm start and the
 * image set it, so that benches and tests run the services as they are deployed.
 */
export function serviceRuntimeEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(join(DIST, '../infra/service-runtime.env'), 'utf8').split('\n')) {
    const match = /^([A-Z_][A-Z0-9_]*)=(?:"(.*)"|(.*))$/.exec(line.trim());
    if (match) env[match[1]] = match[2] ?? match[3];
  }
  return env;
}

/** Preloaded into every service (see exit-on-term.ts). */
export const EXIT_ON_TERM = join(DIST, 'bench/shared/exit-on-term.js');
/** Preloaded into every service when BENCH_PG_TRACE=<dir> (see pg-trace.ts). */
export const PG_TRACE = join(DIST, 'bench/shared/pg-trace.js');

/**
 * The five services as separate processes, as they are deployed, with the development mail catcher,
 * all against data of their own: a database created for this run (so `pg_stat_database` counts only
 * its commits), and the stream, subject and queue prefixes of a test isolation. Production timings,
 * not the tests' fast polling; OUTBOX_*, CONSUMER_* and NOTIFICATIONS_* from the caller's environment
 * pass through so they can be tuned from the command line; infra/service-runtime.env applies as it does
 * in production. BENCH_CPU_PROF=<dir> profiles every service.
 * With `replicas` > 1 each service (gateway too) runs as that many processes, as in production.
 */
export async function startSystem(bench: string, options: StartOptions = {}): Promise<RunningSystem> {
  const replicas = options.replicas ?? 1;
  process.env[TEST_RUN_ENV] ??= 'bench';
  const isolation = createTestIsolation();
  const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/alur');
  const databaseName = `alur_bench_${bench.replace(/\W/g, '_')}_${isolation.id}`;
  base.pathname = `/${databaseName}`;
  const databaseUrl = base.toString();
  const turn = await takeTurn(base);
  // Each service also serves its metrics at its port + METRICS_PORT_OFFSET.
  const [smtp, mailHttp, ...servicePorts] = await freePorts(2 + SERVICES.length * replicas, { twins: [METRICS_PORT_OFFSET] });
  const instances: ServiceInstance[] = SERVICES.flatMap((service, s) =>
    Array.from({ length: replicas }, (_, r) => ({
      name: instanceName(service, r + 1),
      service,
      replica: r + 1,
      port: servicePorts[s * replicas + r],
    })),
  );
  const portOf = (service: Service) => instances.find((i) => i.service === service && i.replica === 1)!.port;
  const tunables = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => /^(OUTBOX|CONSUMER|NOTIFICATIONS|RPC|DB_PREPARED)_/.test(key)),
  );
  const env: NodeJS.ProcessEnv = {
    ...serviceRuntimeEnv(),
    ...process.env,
    ...isolation.env,
    NODE_ENV: 'development',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(32).toString('hex'),
    // The bench's people log in once (a console logs in again when its session ends): their tokens outlive the run.
    JWT_TTL_SECONDS: String(24 * 60 * 60),
    ...productionTimings(),
    ...tunables,
    ...options.env,
    ...Object.fromEntries(SERVICES.map((service) => [portVariable(service), String(portOf(service))])),
    SMTP_URL: `smtp://127.0.0.1:${smtp}`,
    MAIL_CATCHER_SMTP_PORT: String(smtp),
    MAIL_CATCHER_HTTP_PORT: String(mailHttp),
  };
  const logDir = mkdtempSync(join(tmpdir(), `alur-bench-${bench}-`));
  const children: ChildProcess[] = [];
  const launch = (name: string, script: string, args: string[] = [], childEnv = env) => {
    const log = openSync(join(logDir, `${name}.log`), 'a');
    const child = spawn(process.execPath, [...args, join(DIST, script)], { env: childEnv, stdio: ['ignore', log, log] });
    closeSync(log);
    children.push(child);
    return child;
  };
  const remove = async () => {
    await removeTestResources(isolation.id, env);
    await dropDatabase(databaseUrl, databaseName);
  };

  try {
    // Demo data, as `npm start` seeds it: each seed migrates its service's schema first.
    for (const service of ['gateway', 'proposals']) {
      const seed = launch(`${service}-seed`, `apps/${service}/src/seed/seed-demo.main.js`);
      const code = await new Promise<number | null>((done) => seed.once('exit', done));
      if (code !== 0) throw new Error(`the ${service} seed exited with ${code}; see ${logDir}/${service}-seed.log`);
    }
    const mailCatcher = launch('mail-catcher', 'apps/notifications/src/dev/mail-catcher.main.js');
    const profileDir = process.env.BENCH_CPU_PROF;
    if (profileDir) mkdirSync(profileDir, { recursive: true });
    const traceDir = process.env.BENCH_PG_TRACE;
    if (traceDir) mkdirSync(traceDir, { recursive: true });
    const nodeArgs = (name: string) => [
      '-r',
      EXIT_ON_TERM,
      ...(traceDir ? ['-r', PG_TRACE] : []),
      ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', resolve(profileDir), '--cpu-prof-name', `${name}.cpuprofile`] : []),
    ];
    const pids: Record<string, number> = {};
    const processes = new Map<string, ChildProcess>();
    for (const instance of instances) {
      const childEnv = { ...instanceEnv(env, instance), BENCH_PG_TRACE_NAME: instance.name };
      const child = launch(instance.name, `apps/${instance.service}/src/main.js`, nodeArgs(instance.name), childEnv);
      processes.set(instance.name, child);
      pids[instance.name] = child.pid!;
    }
    for (const instance of instances) await waitHealthy(instance.name, instance.port, processes.get(instance.name)!, logDir);

    const gateways = instances.filter((i) => i.service === 'gateway').map((i) => `http://127.0.0.1:${i.port}`);
    return {
      url: gateways[0],
      urls: gateways,
      env,
      databaseUrl,
      databaseName,
      instances,
      pids,
      mailCatcherPid: mailCatcher.pid!,
      logDir,
      async stop() {
        for (const instance of [...instances].reverse()) await terminate(processes.get(instance.name)!);
        await terminate(mailCatcher);
        await turn.end().catch(() => undefined);
      },
      remove,
    };
  } catch (error) {
    for (const child of children) child.kill('SIGKILL');
    await remove().catch(() => undefined);
    await turn.end().catch(() => undefined);
    throw error;
  }
}

/** Any number: the advisory lock that systems of separate processes on one PostgreSQL take in turn. */
const SYSTEM_TURN_LOCK = 0x616c7572;

/**
 * Whole systems of separate processes take turns on a machine (a test's and a bench's, or two tests
 * run side by side): two at once load its cores past what either measures, or than its timings allow.
 * The turn is a session advisory lock, let go at stop() or when the process ends.
 */
async function takeTurn(base: URL): Promise<Client> {
  const admin = new URL(base);
  admin.pathname = '/postgres';
  const turn = new Client({ connectionString: admin.toString() });
  await turn.connect();
  await turn.query('SELECT pg_advisory_lock($1)', [SYSTEM_TURN_LOCK]);
  return turn;
}

/** `gateway` for replica 1, `gateway-2` for the second: the names Compose gives them. */
export function instanceName(service: Service, replica: number): string {
  return replica === 1 ? service : `${service}-${replica}`;
}

export function portVariable(service: Service): string {
  return `${service.toUpperCase()}_PORT`;
}

/** The system's environment with the instance's own port: the only thing replicas do not share. */
export function instanceEnv(env: NodeJS.ProcessEnv, instance: ServiceInstance): NodeJS.ProcessEnv {
  return { ...env, [portVariable(instance.service)]: String(instance.port) };
}

async function waitHealthy(service: string, port: number, child: ChildProcess, logDir: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${service} exited during start-up (${child.exitCode}); see ${logDir}/${service}.log`);
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await sleep(250);
  }
  throw new Error(`${service} did not become healthy within 120 s; see ${logDir}/${service}.log`);
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/** Drops a bench's database, closing its connections (FORCE). */
export async function dropDatabase(databaseUrl: string, name: string): Promise<void> {
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const pg = new Client({ connectionString: admin.toString() });
  await pg.connect();
  try {
    await pg.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await pg.end();
  }
}
