import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { createTestIsolation, removeTestResources, TEST_RUN_ENV } from '@alur/testing';
import { ApprovalsModule } from '../../apps/approvals/src/approvals.module';
import { StageTimerReconciler } from '../../apps/approvals/src/timers/stage-timer-reconciler.service';
import { StageTimerScheduler } from '../../apps/approvals/src/timers/stage-timer-scheduler.service';
import { StageTimerRepository } from '../../apps/approvals/src/timers/stage-timer.repository';

const int = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

/** Every knob can be changed from the environment (BENCH_*). */
const STAGES = int('BENCH_STAGES', 100_000);
/** Alarms set per BullMQ addBulk call. */
const BATCH = int('BENCH_BATCH', 1_000);
/**
 * How many of the stages have their reminder come due within the window (the others' alarms wait a
 * day away, as the load). BENCH_DUE=100000 makes every reminder due at once: the saturated case.
 */
const DUE = Math.min(int('BENCH_DUE', 10_000), STAGES);
/** Those reminders come due spread over this window, starting this long after the run starts. */
const WINDOW_SECONDS = int('BENCH_WINDOW_SECONDS', 60);
const LEAD_SECONDS = int('BENCH_LEAD_SECONDS', 90);
/** addBulk calls in flight at once while setting the alarms. */
const PARALLEL = int('BENCH_PARALLEL', 8);
/** Gives up waiting for reminders when none fired for this long. */
const STALL_MS = int('BENCH_STALL_MS', 15_000);

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)![1]);
}

/**
 * Opens STAGES stages (their rows written straight into the approvals schema, 3 timers each), sets the
 * BullMQ alarm of each one's next timer through the service's own scheduler, and lets the service's worker
 * fire the reminders of DUE of them within WINDOW_SECONDS: how fast alarms are set, what they cost
 * in Redis, and how late reminders fire (fired_at − fire_at, from the database) under that load.
 */
async function main(): Promise<void> {
  const startedAt = new Date();
  process.env[TEST_RUN_ENV] ??= 'bench';
  const isolation = createTestIsolation({ LOG_LEVEL: 'silent', APPROVALS_RECONCILE_SECONDS: '86400' });
  const app = await NestFactory.create(ApprovalsModule.forRoot(isolation.env), { logger: false, abortOnError: false });
  const redis = new Redis(isolation.env.REDIS_URL!);
  try {
    await app.init();
    const db = app.get(DataSource);
    const scheduler = app.get(StageTimerScheduler);
    const timers = app.get(StageTimerRepository);
    const reconciler = app.get(StageTimerReconciler);
    await reconciler.reconcile();

    const windowStart = Date.now() + LEAD_SECONDS * 1000;
    const farAway = new Date(Date.now() + 86_400_000);
    console.log(`writing ${STAGES} open stages and ${STAGES * 3} timers...`);
    await seedStages(db, STAGES, DUE, new Date(windowStart), WINDOW_SECONDS * 1000, farAway);
    // Autovacuum would analyse both tables after an insert this size; servers that run with it off (this
    // machine's) would leave the planner guessing, and the reconciler's pages paying for JIT compilation.
    await db.query('ANALYZE approval_stage, stage_timer');

    const memoryBefore = await usedMemory(redis);
    console.log('setting the alarms...');
    const scheduleStarted = performance.now();
    let alarms = 0;
    let after: string | null = null;
    let inFlight: Promise<void>[] = [];
    for (;;) {
      // One alarm per stage, its next timer's, read as the service's reconciler reads them.
      const batch = await timers.nextOfOpenStages(db.manager, after, BATCH);
      if (batch.length === 0) break;
      inFlight.push(scheduler.schedule(batch));
      if (inFlight.length >= PARALLEL) {
        await Promise.all(inFlight);
        inFlight = [];
      }
      alarms += batch.length;
      after = batch[batch.length - 1].stageId;
    }
    await Promise.all(inFlight);
    const scheduleSeconds = (performance.now() - scheduleStarted) / 1000;
    const memoryAfter = await usedMemory(redis);
    const scheduledBy = Date.now();
    console.log(
      `set ${alarms} alarms in ${scheduleSeconds.toFixed(1)} s; Redis +${((memoryAfter - memoryBefore) / 1048576).toFixed(1)} MiB`,
    );

    console.log(`waiting for ${DUE} reminders due within ${WINDOW_SECONDS} s...`);
    let fired = 0;
    let lastProgress = Date.now();
    // Gives up STALL_MS after the later of the window's end and the last reminder to fire. (It compared the time
    // since the last progress with what was left of the window, and gave up before the window opened when the
    // alarms had been set quickly.)
    const windowEnd = windowStart + WINDOW_SECONDS * 1000;
    while (fired < DUE && Date.now() < Math.max(lastProgress, windowEnd) + STALL_MS) {
      await new Promise((done) => setTimeout(done, 1000));
      const [{ n }] = (await db.query(
        `SELECT count(*)::int AS n FROM stage_timer WHERE kind = 'REMINDER_BEFORE' AND fired_at IS NOT NULL`,
      )) as Array<{ n: number }>;
      if (n > fired) lastProgress = Date.now();
      fired = n;
    }
    const [skew] = (await db.query(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99,
              max(ms) AS max, min(ms) AS min, count(*)::int AS n, extract(epoch FROM max(fired_at) - min(fired_at)) AS span
         FROM (SELECT fired_at, extract(epoch FROM fired_at - fire_at) * 1000 AS ms FROM stage_timer
                WHERE kind = 'REMINDER_BEFORE' AND fired_at IS NOT NULL) s`,
    )) as Array<{ p50: number; p99: number; max: number; min: number; n: number; span: number }>;
    const [announced] = (await db.query(
      `SELECT count(*)::int AS n FROM outbox_event WHERE envelope->>'type' = 'approvals.approval-reminder-due'`,
    )) as Array<{ n: number }>;

    const reconcileStarted = performance.now();
    const pass = await reconciler.reconcile();
    const reconcileSeconds = (performance.now() - reconcileStarted) / 1000;
    console.log(
      `a reconciler pass over ${pass.checked} open stages' next timers (their alarms all present) took ${reconcileSeconds.toFixed(1)} s (restored ${pass.restored})`,
    );

    const report = {
      benchmark: 'reminders',
      startedAt: startedAt.toISOString(),
      settings: { stages: STAGES, due: DUE, batch: BATCH, parallel: PARALLEL, windowSeconds: WINDOW_SECONDS, leadSeconds: LEAD_SECONDS },
      scheduling: {
        alarms,
        seconds: round(scheduleSeconds),
        alarmsPerSecond: Math.round(alarms / scheduleSeconds),
        stagesPerSecond: Math.round(STAGES / scheduleSeconds),
        finishedBeforeWindow: scheduledBy <= windowStart,
      },
      redisMemory: {
        usedBeforeBytes: memoryBefore,
        usedAfterBytes: memoryAfter,
        addedMiB: round((memoryAfter - memoryBefore) / 1048576),
        bytesPerAlarm: Math.round((memoryAfter - memoryBefore) / alarms),
      },
      reconcilerPass: { checked: pass.checked, restored: pass.restored, seconds: round(reconcileSeconds) },
      firing: {
        due: DUE,
        fired: skew.n,
        announced: announced.n,
        dueRatePerSecond: Math.round(DUE / WINDOW_SECONDS),
        firedPerSecond: Math.round(skew.n / Math.max(Number(skew.span), 1)),
        skewMs: { min: round(skew.min), p50: round(skew.p50), p99: round(skew.p99), max: round(skew.max) },
        p99UnderOneSecond: skew.p99 < 1000,
      },
    };
    console.log(JSON.stringify(report, null, 2));
    const dir = process.env.BENCH_RESULTS_DIR ?? resolve(__dirname, '../../../bench/results');
    mkdirSync(dir, { recursive: true });
    const json = `${JSON.stringify(report, null, 2)}\n`;
    writeFileSync(join(dir, `reminders-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`), json);
    writeFileSync(join(dir, 'reminders-latest.json'), json);
  } finally {
    redis.disconnect();
    await app.close();
    await removeTestResources(isolation.id, isolation.env);
  }
}

/**
 * Open stages of one-stage chains: the reminders of the first `due` stages come due across the
 * window, every other alarm (the rest's reminders, all deadlines and late reminders) a day away.
 */
async function seedStages(db: DataSource, count: number, due: number, windowStart: Date, windowMs: number, farAway: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      `CREATE TEMP TABLE bench_stage ON COMMIT DROP AS
      SELECT i, gen_random_uuid() AS proposal_id, gen_random_uuid() AS stage_id FROM generate_series(1, $1) i`,
      [count],
    );
    await tx.query(
      `INSERT INTO approval_chain (proposal_id, submission_number, program_code, program_version, village_code, district_code,
         regency_code, title, category, requested_amount, bkm_user_id, stages, reminder_schedule, status, submitted_at)
       SELECT proposal_id, 1, 'BENCH-2026', 1, '14.03.09.1004', '14.03.09', '14.03', 'Usulan bench ' || i, 'INFRASTRUCTURE',
              100000000, 'bench', '[{"role":"LURAH","regionLevel":"village","serviceLevelWorkingDays":3}]',
              '{"beforeDueWorkingDays":1,"afterDueWorkingDays":1}', 'IN_REVIEW', now()
         FROM bench_stage`,
    );
    await tx.query(
      `INSERT INTO approval_stage (id, proposal_id, submission_number, stage_order, stage_count, role, region_level, region_code,
         village_code, program_code, title, status, opened_at, due_at)
       SELECT stage_id, proposal_id, 1, 1, 1, 'LURAH', 'village', '14.03.09.1004', '14.03.09.1004', 'BENCH-2026',
              'Usulan bench ' || i, 'OPEN', now(), $1 FROM bench_stage`,
      [farAway],
    );
    await tx.query(
      `INSERT INTO stage_timer (stage_id, kind, generation, fire_at)
       SELECT stage_id, 'REMINDER_BEFORE', 1,
              CASE WHEN i <= $3 THEN $1::timestamptz + ((i - 1)::bigint * $2 / $3) * interval '1 millisecond'
                   ELSE $4::timestamptz - interval '1 hour' END
         FROM bench_stage
       UNION ALL SELECT stage_id, 'DEADLINE', 1, $4 FROM bench_stage
       UNION ALL SELECT stage_id, 'REMINDER_AFTER', 1, $4::timestamptz + interval '1 day' FROM bench_stage`,
      [windowStart, windowMs, due, farAway],
    );
  });
}

function round(value: number): number {
  return Math.round(Number(value) * 10) / 10;
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
