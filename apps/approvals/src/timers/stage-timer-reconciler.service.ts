import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_ENV, BaseEnv } from '@alur/config';
import { WorkingCalendar } from '../working-days/working-calendar.service';
import { TimerAlarm, TimerKind } from './stage-timer.entity';
import { StageTimerScheduler } from './stage-timer-scheduler.service';

const BATCH = 1000;

/** The session advisory lock a pass holds, one per schema: of all replicas, one pass runs at a time. */
export const RECONCILER_LOCK_KEY_SQL = `hashtextextended('approvals.stage-timer-reconciler:' || current_schema(), 0)`;

export interface ReconcileResult {
  /** Unfired timers of open stages looked at. */
  checked: number;
  /** Of those, alarms Redis had lost and that were set again. */
  restored: number;
  /** Another replica's pass was running: this one did nothing (that pass does the work). */
  skipped: boolean;
}

/**
 * The database is the truth about timers; Redis (which keeps nothing on disk here) may lose the
 * alarms. At start-up and every APPROVALS_RECONCILE_SECONDS this sets again every alarm of an
 * unfired timer of an open stage that Redis no longer holds; one already past due fires at once.
 */
@Injectable()
export class StageTimerReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StageTimerReconciler.name);
  private interval?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    @Inject(APP_ENV) private readonly env: BaseEnv,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scheduler: StageTimerScheduler,
    private readonly calendar: WorkingCalendar,
  ) {}

  onApplicationBootstrap(): void {
    this.tick();
    this.interval = setInterval(() => this.tick(), this.env.APPROVALS_RECONCILE_SECONDS * 1000);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.interval);
    await this.running;
  }

  /** One pass; passes never overlap, here (a slow one makes the next tick wait for it) nor across replicas (advisory lock). */
  reconcile(): Promise<ReconcileResult> {
    const pass = (this.running ?? Promise.resolve()).catch(() => undefined).then(() => this.pass());
    this.running = pass;
    return pass;
  }

  private tick(): void {
    this.reconcile().then(
      (result) => {
        if (result.restored > 0) this.logger.warn(result, 'Set again stage-timer alarms that Redis had lost');
      },
      (error) => this.logger.warn({ err: error }, 'Stage-timer reconciliation failed; retrying on the next pass'),
    );
  }

  private async pass(): Promise<ReconcileResult> {
    // A session lock on a connection of its own, held through the pass and released even if the pass fails.
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_lock(${RECONCILER_LOCK_KEY_SQL}) AS locked`)) as Array<{
        locked: boolean;
      }>;
      if (!locked) return { checked: 0, restored: 0, skipped: true };
      try {
        return await this.restoreAll();
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(${RECONCILER_LOCK_KEY_SQL})`);
      }
    } finally {
      await runner.release();
    }
  }

  /** Pages through the unfired timers of open stages, BATCH at a time, in key order. */
  private async restoreAll(): Promise<ReconcileResult> {
    await this.calendar.refresh();
    const result: ReconcileResult = { checked: 0, restored: 0, skipped: false };
    let after: [string, string, number] = ['00000000-0000-0000-0000-000000000000', '', 0];
    for (;;) {
      const rows = (await this.dataSource.query(
        `SELECT t.stage_id, t.kind, t.generation, t.fire_at
           FROM stage_timer t JOIN approval_stage s ON s.id = t.stage_id
          WHERE t.fired_at IS NULL AND s.status = 'OPEN' AND (t.stage_id, t.kind, t.generation) > ($1::uuid, $2, $3)
            -- lets the join start at the keyset position too, instead of walking every stage before it
            AND s.id >= $1::uuid
          ORDER BY t.stage_id, t.kind, t.generation
          LIMIT ${BATCH}`,
        after,
      )) as Array<{ stage_id: string; kind: TimerKind; generation: number; fire_at: Date }>;
      if (rows.length === 0) return result;
      const alarms: TimerAlarm[] = rows.map((row) => ({
        stageId: row.stage_id,
        kind: row.kind,
        generation: row.generation,
        fireAt: row.fire_at,
      }));
      result.checked += alarms.length;
      result.restored += await this.scheduler.restoreMissing(alarms);
      const last = rows[rows.length - 1];
      after = [last.stage_id, last.kind, last.generation];
    }
  }
}
