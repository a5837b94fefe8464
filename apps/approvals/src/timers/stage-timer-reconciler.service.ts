import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_ENV, BaseEnv } from '@alur/config';
import { Transactions } from '@alur/database';
import { WorkingCalendar } from '../working-days/working-calendar.service';
import { StageTimerScheduler } from './stage-timer-scheduler.service';
import { StageTimerRepository } from './stage-timer.repository';

const BATCH = 1000;

export interface ReconcileResult {
  /** Open stages whose next timer was looked at. */
  checked: number;
  /** Of those, alarms Redis had lost and that were set again. */
  restored: number;
  /** Another replica's pass was running: this one did nothing (that pass does the work). */
  skipped: boolean;
}

/**
 * The database is the truth about timers; Redis (which keeps nothing on disk here) may lose the
 * alarms. At start-up and every APPROVALS_RECONCILE_SECONDS this sets again the alarm of each open stage's
 * next timer that Redis no longer holds; one already past due fires at once.
 */
@Injectable()
export class StageTimerReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StageTimerReconciler.name);
  private interval?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    @Inject(APP_ENV) private readonly env: BaseEnv,
    private readonly transactions: Transactions,
    private readonly timers: StageTimerRepository,
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
    // Of all replicas, one pass at a time: the others skip, since that pass does the work.
    const pass = await this.timers.whileHoldingReconcilerLock(() => this.restoreAll());
    return pass.held ? pass.result : { checked: 0, restored: 0, skipped: true };
  }

  /** Pages through the open stages' next timers, BATCH at a time, in stage order. */
  private async restoreAll(): Promise<ReconcileResult> {
    await this.calendar.refresh();
    const result: ReconcileResult = { checked: 0, restored: 0, skipped: false };
    let afterStageId: string | null = null;
    for (;;) {
      const alarms = await this.timers.nextOfOpenStages(this.transactions.manager, afterStageId, BATCH);
      if (alarms.length === 0) return result;
      result.checked += alarms.length;
      const missing = await this.scheduler.missing(alarms);
      // Read again after Redis was asked: a stage decided meanwhile had its alarm cleared on purpose, and
      // setting it again would leave a job to wake the service for nothing, days later; a timer fired
      // meanwhile has set the next one's.
      const stillDue = await this.timers.unfiredOfOpenStagesAmong(this.transactions.manager, missing);
      await this.scheduler.schedule(stillDue);
      result.restored += stillDue.length;
      afterStageId = alarms[alarms.length - 1].stageId;
    }
  }
}
