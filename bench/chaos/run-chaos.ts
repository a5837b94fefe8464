import { loadavg } from 'node:os';
import { Client } from 'pg';
import { DEMO_REGENCY_CODE, RegionDirectory } from '@alur/regions';
import { machineOf, round, sleep } from '../shared/bench-results';
import { LifecycleTracker } from '../shared/lifecycle-tracker';
import { RegencyPeople } from '../shared/regency-people';
import { startSystem } from '../shared/running-system';
import { ServiceSupervisor } from '../shared/service-supervisor';
import { backlogLeft, settledNow, SpineBacklog, waitSettled } from '../shared/spine-backlog';
import { ChaosChecks, CheckResult } from './chaos-checks';
import { FAULT_KINDS, FaultInjector } from './fault-injector';
import { NatsLink } from './nats-link';
import { RetryingApi } from './retrying-api';

export interface ChaosOptions {
  lifecycles: number;
  /** Lifecycles in flight at once. */
  concurrency: number;
  /** How many times each fault kind is injected. */
  faultRounds: number;
  /** Pause between one fault's recovery and the next fault. */
  faultIntervalMs: number;
  /** How long a killed service stays down before its restart. */
  downMs: number;
  /** How soon an official with an empty inbox looks again. */
  idlePollMs: number;
  /** Only the first N villages' BKMs and Lurah take part (all when 0): fewer log-ins for short runs. */
  villages: number;
  clientTimeoutMs: number;
  clientGiveUpMs: number;
  lifecycleTimeoutMs: number;
  quiescenceTimeoutMs: number;
  log: (line: string) => void;
}

export interface ChaosReport {
  bench: 'chaos';
  startedAt: string;
  passed: boolean;
  checks: CheckResult[];
  shape: Omit<ChaosOptions, 'log'>;
  crashes: ServiceSupervisor['crashes'];
  faults: { injected: number; byKind: Record<string, number>; list: FaultInjector['injected']; notInjected: string };
  lifecycles: {
    started: number;
    submitted: number;
    releasedSeenByClient: number;
    clientFailures: number;
    firstFailures: string[];
    conflicts: number;
  };
  clientErrors: RetryingApi['clientErrors'];
  requests: Record<string, number>;
  seconds: { load: number; quiescence: number | null; total: number };
  /** When the run never became quiet: what was still there, its unfinished deliveries by status, and the oldest of them with their jobs. */
  notQuiet?: { left: string; deliveries: Record<string, number>; stuck: Awaited<ReturnType<SpineBacklog['stuckDeliveries']>> };
  logDir: string;
  machine: ReturnType<typeof machineOf>;
}

export function chaosOptionsFromEnv(env = process.env, log: (line: string) => void = console.log): ChaosOptions {
  const int = (name: string, fallback: number) => Number(env[name] ?? fallback);
  return {
    lifecycles: int('CHAOS_LIFECYCLES', 150),
    concurrency: int('CHAOS_CONCURRENCY', 30),
    faultRounds: int('CHAOS_FAULT_ROUNDS', 2),
    faultIntervalMs: int('CHAOS_FAULT_INTERVAL_S', 5) * 1000,
    downMs: int('CHAOS_DOWN_S', 3) * 1000,
    idlePollMs: int('CHAOS_POLL_MS', 3000),
    villages: int('CHAOS_VILLAGES', 0),
    clientTimeoutMs: int('CHAOS_CLIENT_TIMEOUT_S', 20) * 1000,
    clientGiveUpMs: int('CHAOS_CLIENT_GIVE_UP_S', 300) * 1000,
    lifecycleTimeoutMs: int('CHAOS_LIFECYCLE_TIMEOUT_S', 900) * 1000,
    quiescenceTimeoutMs: int('CHAOS_QUIESCENCE_TIMEOUT_S', 300) * 1000,
    log,
  };
}

/**
 * The chaos run: whole lifecycles through the public API of the five services running as separate
 * processes on data of their own, while its faults are injected in turn; then, once the system is
 * quiet, the checks. Returns the report; `passed` is false when any check failed.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const { log } = options;
  const startedAt = new Date();
  const loadBefore = loadavg();
  // The services reach NATS through a relay the run can cut; the shared nats-server stays up.
  const upstreamNats = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const natsLink = await NatsLink.open(upstreamNats);
  const previousNatsUrl = process.env.NATS_URL;
  process.env.NATS_URL = natsLink.url;
  let system: Awaited<ReturnType<typeof startSystem>> | undefined;
  let supervisor: ServiceSupervisor | undefined;
  let backlog: SpineBacklog | undefined;
  let checks: ChaosChecks | undefined;
  try {
    system = await startSystem('chaos');
    supervisor = new ServiceSupervisor(system);
    log(
      `services up (own database ${system.databaseName}, stream ${system.env.NATS_STREAM}, queue prefix ${system.env.QUEUE_PREFIX}; logs in ${system.logDir})`,
    );
    const api = new RetryingApi(system.url, options.clientTimeoutMs, options.clientGiveUpMs);
    const tracker = new LifecycleTracker();
    const people = new RegencyPeople(api, tracker, regionsOf(options.villages));
    await people.prepare();
    backlog = await SpineBacklog.open(system);
    supervisor.watch(options.downMs, (service, error) =>
      log(`  ${service} ${error ? `did not come back: ${error}` : 'died by itself; restarting it'}`),
    );
    const faults = new FaultInjector(system, supervisor, natsLink, options.downMs);
    log(
      `driving ${options.lifecycles} lifecycles (${options.concurrency} at once) while injecting ${FAULT_KINDS.length} fault kinds × ${options.faultRounds}`,
    );

    const loadStarted = Date.now();
    people.startDesks(options.idlePollMs);
    let finished = 0;
    const load = runLifecycles(people, options, () => {
      finished++;
      if (finished % 10 === 0 || finished === options.lifecycles)
        log(`  lifecycles ${finished}/${options.lifecycles} done, ${tracker.releasedCount} released`);
    });
    const injecting = (async () => {
      for (let round = 0; round < options.faultRounds; round++) {
        for (const kind of FAULT_KINDS) {
          await sleep(options.faultIntervalMs);
          const fault = await faults.inject(kind, round);
          log(`  fault ${faults.injected.length}: ${fault.kind}: ${fault.detail} (${fault.seconds} s)`);
        }
      }
    })();
    await Promise.all([load, injecting]);
    await people.stopDesks();
    const loadSeconds = (Date.now() - loadStarted) / 1000;

    log('waiting for quiescence...');
    // A delivery whose worker was SIGKILLed mid-send may or may not have gone out: it stays `sending` for an
    // operator (the reconciler marks it failed after 5 minutes), as designed, and does not keep the run from quiet.
    const quiescence = await waitQuiet(backlog, system, options.quiescenceTimeoutMs, { interruptedSends: true });
    const notQuiet =
      quiescence === null
        ? {
            left: backlogLeft(await backlog.read()),
            deliveries: await backlog.unfinishedDeliveries(),
            stuck: await backlog.stuckDeliveries(),
          }
        : undefined;
    if (notQuiet) {
      log(
        `not quiet: ${notQuiet.left}; unfinished deliveries ${JSON.stringify(notQuiet.deliveries)}; oldest ${JSON.stringify(notQuiet.stuck)}`,
      );
    }
    checks = await ChaosChecks.open(system, FaultInjector.OWN_APPLICATION);
    const results = await checks.all();

    const lifecycles = [...tracker.lifecycles.values()];
    const failures = lifecycles.filter((l) => l.failure);
    const byKind: Record<string, number> = {};
    for (const f of faults.injected) byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
    const faultsOk = FAULT_KINDS.every((k) => (byKind[k] ?? 0) >= options.faultRounds);
    const { log: _log, ...shape } = options;
    const report: ChaosReport = {
      bench: 'chaos',
      startedAt: startedAt.toISOString(),
      passed: false,
      checks: [
        ...results,
        {
          name: 'faults injected, client errors, quiescence',
          passed: faultsOk && quiescence !== null && supervisor.crashes.length === 0,
          summary: `${faults.injected.length} faults (${FAULT_KINDS.length} kinds × ≥ ${options.faultRounds}: ${faultsOk ? 'yes' : 'no'}); clients saw ${api.clientErrors.status5xx} 5xx, ${api.clientErrors.timeouts} time-outs, ${api.clientErrors.network} network errors (${api.clientErrors.retries} retries, ${api.clientErrors.gaveUp} given up); quiet ${quiescence === null ? `never (left: ${notQuiet?.left})` : `${round(quiescence, 1)} s`} after the load; ${supervisor.crashes.length} services died by themselves${supervisor.crashes.length ? ` (${supervisor.crashes.map((c) => c.service).join(', ')})` : ''}`,
        },
      ],
      shape,
      faults: {
        injected: faults.injected.length,
        byKind,
        list: faults.injected,
        notInjected:
          "nats-server restart: the machine's NATS is shared, so the run cuts its own services' connections through a relay instead",
      },
      lifecycles: {
        started: lifecycles.length,
        submitted: lifecycles.filter((l) => l.submittedAt).length,
        releasedSeenByClient: tracker.releasedCount,
        clientFailures: failures.length,
        firstFailures: failures.slice(0, 5).map((l) => l.failure!),
        conflicts: tracker.conflicts,
      },
      crashes: supervisor.crashes,
      clientErrors: api.clientErrors,
      requests: api.requestCounts(),
      seconds: {
        load: round(loadSeconds, 1),
        quiescence: quiescence === null ? null : round(quiescence, 1),
        total: round((Date.now() - startedAt.getTime()) / 1000, 1),
      },
      notQuiet,
      logDir: system.logDir,
      machine: machineOf(loadBefore),
    };
    report.passed = report.checks.every((c) => c.passed);
    return report;
  } finally {
    await checks?.close().catch(() => undefined);
    await backlog?.close().catch(() => undefined);
    await supervisor?.stop();
    await system?.stop();
    if (system && !process.env.KEEP_BENCH_DATA) await system.remove().catch((error) => log(`could not remove the run's data: ${error}`));
    await natsLink.close();
    if (previousNatsUrl === undefined) delete process.env.NATS_URL;
    else process.env.NATS_URL = previousNatsUrl;
  }
}

/** The first `count` villages of the demo regency (all when 0), with all its kecamatan. */
export function regionsOf(count: number): RegionDirectory {
  const regions = RegionDirectory.shared();
  if (count <= 0) return regions;
  const villages = regions.villagesOf(DEMO_REGENCY_CODE).slice(0, count);
  return { villagesOf: () => villages, childrenOf: (code: string) => regions.childrenOf(code) } as unknown as RegionDirectory;
}

export async function runLifecycles(
  people: RegencyPeople,
  options: Pick<ChaosOptions, 'lifecycles' | 'concurrency' | 'lifecycleTimeoutMs'>,
  onFinished: () => void = () => undefined,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < options.lifecycles) {
      const n = next++;
      await people.runLifecycle(people.villages[n % people.villages.length], n, options.lifecycleTimeoutMs);
      onFinished();
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.lifecycles) }, worker));
}

/**
 * Quiet: nothing to publish, handle or deliver, and no received event still waiting in any inbound
 * queue. Returns the seconds it took, or null when it did not settle in time.
 */
export async function waitQuiet(
  backlog: SpineBacklog,
  system: { databaseUrl: string; env: NodeJS.ProcessEnv },
  timeoutMs: number,
  options: Parameters<typeof waitSettled>[2] = {},
): Promise<number | null> {
  const started = Date.now();
  const pg = new Client({ connectionString: system.databaseUrl, application_name: `${FaultInjector.OWN_APPLICATION}-quiet` });
  await pg.connect();
  try {
    const { rows } = await pg.query<{ schema: string }>(
      `SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'inbound_event' AND table_schema LIKE $1`,
      [`${system.env.DB_SCHEMA_PREFIX}%`],
    );
    const pending = rows.map((r) => `(SELECT count(*) FROM "${r.schema}".inbound_event WHERE status = 'pending')`).join(' + ') || '0';
    while (Date.now() - started < timeoutMs) {
      const settled = await waitSettled(backlog, timeoutMs - (Date.now() - started), options);
      if (settled === null) return null;
      const {
        rows: [row],
      } = await pg.query<{ n: string }>(`SELECT ${pending} AS n`);
      // The readings are not one snapshot (the outbox and deliveries, then the stream, then the inboxes): an
      // event still in the stream at the first may have been handled before the last, its delivery created
      // after the first and not yet sent. Settled once more after them, nothing was in flight.
      if (Number(row.n) === 0 && (await settledNow(backlog, options))) return (Date.now() - started) / 1000;
      await sleep(500);
    }
    return null;
  } finally {
    await pg.end();
  }
}
