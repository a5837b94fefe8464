import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_ENV, BaseEnv } from '@alur/config';
import { WorkingCalendar } from '../working-days/working-calendar.service';
import { TimerAlarm, TimerKind } from './stage-timer.entity';
import { StageTimerScheduler } from './stage-timer-scheduler.service';

const BATCH = 1000;

export interface ReconcileResult {
  /** Unfired timers of open stages looked at. */
  checked: number;
  /** Of those, alarms Redis had lost and that were set again. */
  restored: number;
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

  /** One pass; passes never overlap (a slow one makes the next tick wait for it). */
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
    await this.calendar.refresh();
    const result: ReconcileResult = { checked: 0, restored: 0 };
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
      const alarms: TimerAlarm[] = rows.map((row) => ({ stageId: row.stage_id, kind: row.kind, generation: row.generation, fireAt: row.fire_at }));
      result.checked += alarms.length;
      result.restored += await this.scheduler.restoreMissing(alarms);
      const last = rows[rows.length - 1];
      after = [last.stage_id, last.kind, last.generation];
    }
  }
}
