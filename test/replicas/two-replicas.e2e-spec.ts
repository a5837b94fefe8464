import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { schemaFor } from '@alur/database';
import { NOTIFICATIONS_QUEUE } from '@alur/jobs';
import { expectEventually } from '@alur/testing';
import { DIGEST_SCHEDULER, NOTIFICATION_JOBS } from '../../apps/notifications/src/delivery/notification-queue';
import { ChaosChecks, CheckResult } from '../../bench/chaos/chaos-checks';
import { RetryingApi } from '../../bench/chaos/retrying-api';
import { regionsOf, runLifecycles, waitQuiet } from '../../bench/chaos/run-chaos';
import { LifecycleTracker } from '../../bench/shared/lifecycle-tracker';
import { RegencyPeople } from '../../bench/shared/regency-people';
import { RunningSystem, startSystem } from '../../bench/shared/running-system';
import { ServiceSupervisor } from '../../bench/shared/service-supervisor';
import { SpineBacklog } from '../../bench/shared/spine-backlog';

const LIFECYCLES = 6;
const VILLAGES = 3;
/** Each official looks at the console this long after being told of a task. */
const LOOK_MS = 1_000;
/**
 * One replica of each service is SIGKILLed, and not restarted, once this many approval stages have
 * been decided (out of 5 per lifecycle): spread over the run, each while lifecycles are in flight.
 */
const KILLS: Array<{ instance: string; afterDecisions: number }> = [
  { instance: 'gateway-2', afterDecisions: 2 },
  { instance: 'proposals', afterDecisions: LIFECYCLES },
  { instance: 'approvals-2', afterDecisions: LIFECYCLES * 2 },
  { instance: 'notifications', afterDecisions: LIFECYCLES * 3 },
  { instance: 'disbursements-2', afterDecisions: LIFECYCLES * 4 },
];

/**
 * Every service (gateway included) as two processes built from dist/, sharing schemas, stream, durable
 * consumers and queues: whole lifecycles through both gateways in turn while one replica of each is
 * killed for good; then the chaos run's checks, and order per aggregate, timers and e-mail once.
 */
describe('every service as two replicas, one of each SIGKILLed', () => {
  let system: RunningSystem | undefined;
  let supervisor: ServiceSupervisor | undefined;
  let backlog: SpineBacklog | undefined;
  let checks: ChaosChecks | undefined;
  let pg: Client | undefined;

  // Up to 180 s: the services stop gracefully, one after another, on a loaded machine; then the run's data goes.
  afterAll(async () => {
    await checks?.close().catch(() => undefined);
    await backlog?.close().catch(() => undefined);
    await pg?.end().catch(() => undefined);
    await supervisor?.stop().catch(() => undefined);
    await system?.stop().catch(() => undefined);
    if (!process.env.KEEP_BENCH_DATA) await system?.remove();
  }, 180_000);

  // Up to 600 s: the system may first wait its turn behind another of separate processes (the chaos test's).
  it('loses no lifecycle, does nothing twice, keeps order per aggregate, fires each timer and delivers each e-mail once', async () => {
    const started = Date.now();
    // Progress as it happens (Jest shows console output only at the end): where a slow run spent its time.
    const log = (line: string) => process.stderr.write(`two replicas, ${Math.round((Date.now() - started) / 1000)} s: ${line}\n`);
    system = await startSystem('replicas', {
      replicas: 2,
      env: {
        // A stage of 3 working days is reminded at 2 s, escalated at 3 s and reminded again at 4 s.
        APPROVALS_WORKING_DAY_SECONDS: '1',
        // Both replicas' stage-timer reconcilers run during the lifecycles (one pass at a time, under an advisory lock).
        APPROVALS_RECONCILE_SECONDS: '2',
        // Messages a killed replica had received but not acknowledged come again within seconds, not 30 s: until
        // then the other replica handles nothing after them in the stream (the ack floor does not move).
        CONSUMER_ACK_WAIT_MS: '5000',
        // An event the killed replica was handling is taken up by the other at its safety poll (30 × this: 9 s, not 30 s).
        OUTBOX_POLL_INTERVAL_MS: '300',
        NOTIFICATIONS_RETRY_BASE_MS: '1000',
        // A delivery the killed notifications replica committed but never put on the queue is queued by the other
        // within seconds rather than the production minute (the quiet wait took 73 s of this test's 120).
        NOTIFICATIONS_RECONCILE_SECONDS: '2',
        // Ten processes of ten connections each would be all of a default PostgreSQL's 100 (this machine's,
        // and CI's); the other tests running beside this one then found none left.
        DB_POOL_SIZE: '5',
      },
    });
    expect(system.instances.map((i) => i.name).sort()).toEqual([
      'approvals',
      'approvals-2',
      'disbursements',
      'disbursements-2',
      'gateway',
      'gateway-2',
      'notifications',
      'notifications-2',
      'proposals',
      'proposals-2',
    ]);
    supervisor = new ServiceSupervisor(system);
    log(`10 processes up (logs in ${system.logDir})`);
    pg = new Client({ connectionString: system.databaseUrl, application_name: 'alur-replicas-test' });
    await pg.connect();
    const stages = `"${schemaFor({ DB_SCHEMA_PREFIX: system.env.DB_SCHEMA_PREFIX ?? '' }, 'approvals')}".approval_stage`;
    const decidedStages = async () =>
      Number((await pg!.query(`SELECT count(*) AS n FROM ${stages} WHERE decided_at IS NOT NULL`)).rows[0].n);

    const api = new RetryingApi(system.urls, 20_000, 120_000);
    const tracker = new LifecycleTracker();
    const people = new RegencyPeople(api, tracker, regionsOf(VILLAGES));
    await people.prepare();
    backlog = await SpineBacklog.open(system);
    log('people logged in');
    people.startDesks(LOOK_MS);
    const load = runLifecycles(people, { lifecycles: LIFECYCLES, concurrency: LIFECYCLES, lifecycleTimeoutMs: 150_000 });

    const killed: Array<{ instance: string; at: Date; decided: number; released: number }> = [];
    for (const kill of KILLS) {
      await expectEventually(async () => expect(await decidedStages()).toBeGreaterThanOrEqual(kill.afterDecisions), {
        timeoutMs: 120_000,
        intervalMs: 200,
      });
      await supervisor.kill(kill.instance);
      killed.push({ instance: kill.instance, at: new Date(), decided: await decidedStages(), released: tracker.releasedCount });
      log(`SIGKILL ${kill.instance} (${killed.at(-1)!.decided} stages decided, ${tracker.releasedCount} released)`);
    }
    await load;
    await people.stopDesks();
    log(`${tracker.releasedCount}/${LIFECYCLES} lifecycles released`);
    // A delivery whose replica was killed mid-send stays `sending` for an operator (see deliveredOnce);
    // one the other replica is still sending is waited for.
    const notificationsKilledAt = killed.find((k) => k.instance.startsWith('notifications'))!.at;
    const quietAfter = await waitQuiet(backlog, system, 120_000, { interruptedSends: notificationsKilledAt });
    log(quietAfter === null ? `not quiet: ${JSON.stringify(await backlog.read())}` : `quiet after ${quietAfter} s`);
    checks = await ChaosChecks.open(system, 'alur-replicas-checks');
    const results: CheckResult[] = [
      ...(await checks.all()),
      await checks.orderPerAggregate(),
      await checks.timersFiredOnce(),
      await checks.deliveredOnce(`http://127.0.0.1:${system.env.MAIL_CATCHER_HTTP_PORT}`, notificationsKilledAt),
    ];

    // Every kill struck while lifecycles were still under way, and the other replica of each carried on.
    expect(killed.filter((k) => k.released >= LIFECYCLES)).toEqual([]);
    const survivors = system.instances.filter((i) => !KILLS.some((k) => k.instance === i.name));
    expect(survivors.filter((i) => !supervisor!.alive(i.name)).map((i) => i.name)).toEqual([]);
    expect(new Set(survivors.map((i) => i.service)).size).toBe(5);
    expect({
      quiet: quietAfter !== null,
      failures: [...tracker.lifecycles.values()].filter((l) => l.failure).map((l) => l.failure),
    }).toEqual({ quiet: true, failures: [] });
    expect(tracker.releasedCount).toBe(LIFECYCLES);
    expect(results.filter((r) => !r.passed)).toEqual([]);
    expect(results.map((r) => r.name)).toEqual([
      'no lifecycle lost',
      'stages decided once, one open at a time, in order',
      'ceilings exact',
      'notifications once, every BKM told',
      'nothing left behind',
      'order per aggregate held',
      'timers fired once',
      'e-mail delivered once',
    ]);
    // Both notifications replicas set the daily digest's scheduler at start-up: it is there once, with one next run.
    const redis = new Redis(system.env.REDIS_URL!, { maxRetriesPerRequest: null });
    const queue = new Queue(NOTIFICATIONS_QUEUE.name, { connection: redis, prefix: system.env.QUEUE_PREFIX });
    try {
      expect((await queue.getJobSchedulers()).map((s) => s.key)).toEqual([DIGEST_SCHEDULER]);
      expect((await queue.getDelayed()).filter((job) => job.name === NOTIFICATION_JOBS.digest)).toHaveLength(1);
    } finally {
      await queue.close();
      redis.disconnect();
    }
    // Requests went to both gateways in turn: after gateway-2 died, those sent to it failed and went to the other.
    expect(api.clientErrors.network).toBeGreaterThan(0);
    expect(api.clientErrors.gaveUp).toBe(0);
    console.log(
      JSON.stringify(
        { killed, quietAfter, clientErrors: api.clientErrors, checks: results.map((r) => `${r.name}: ${r.summary}`) },
        null,
        2,
      ),
    );
  }, 600_000);
});
