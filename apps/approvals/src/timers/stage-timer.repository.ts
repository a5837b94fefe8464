import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { STAGE_STATUSES, StageStatus } from '@alur/contracts';
import { queryRows, RidingStatement, updateRows } from '@alur/database';
import { TIMER_KINDS, TimerAlarm, TimerKey, TimerKind } from './domain/stage-timer';

/** The session advisory lock a reconciler pass holds, one per schema: of all replicas, one pass runs at a time. */
export const RECONCILER_LOCK_KEY_SQL = `hashtextextended('approvals.stage-timer-reconciler:' || current_schema(), 0)`;

const ClaimedRow = z
  .object({ kind: z.enum(TIMER_KINDS), fire_at: z.date() })
  .transform((row): { kind: TimerKind; fireAt: Date } => ({ kind: row.kind, fireAt: row.fire_at }));

const AlarmRow = z
  .object({ stage_id: z.string(), kind: z.enum(TIMER_KINDS), generation: z.number().int(), fire_at: z.date() })
  .transform((row): TimerAlarm => ({ stageId: row.stage_id, kind: row.kind, generation: row.generation, fireAt: row.fire_at }));

const StateRow = z
  .object({ fired_at: z.date().nullable(), status: z.enum(STAGE_STATUSES) })
  .transform((row): TimerState => ({ firedAt: row.fired_at, stageStatus: row.status }));

const ReconcilerLockRow = z.object({ locked: z.boolean() });

/** A timer's state beside its stage's, for telling why an alarm found nothing to do. */
export interface TimerState {
  firedAt: Date | null;
  stageStatus: StageStatus;
}

/** The first key of the keyset: below every real stage. */
const BEFORE_ALL_STAGES = '00000000-0000-0000-0000-000000000000';

/** A stage's timers in the order they are due (ties, which planning never makes, in TIMER_KINDS order). */
const DUE_ORDER = `t.fire_at, array_position(ARRAY[${TIMER_KINDS.map((k) => `'${k}'`).join(', ')}]::text[], t.kind)`;

/**
 * The stage's next timer, the only one with an alarm: its earliest unfired one, as a subquery (columns
 * stage_id, kind, generation, fire_at, fired_at) whose row the caller keeps only if `fired_at IS NULL`
 * (none when all have fired). The stage's few timers are sorted, unfired first, and filtered after, so
 * that no plan reaches for the index of every unfired timer (without statistics, a fresh table's,
 * one did, for each stage).
 */
export function nextTimerOf(stageId: string): string {
  return `(SELECT t.stage_id, t.kind, t.generation, t.fire_at, t.fired_at FROM stage_timer t
            WHERE t.stage_id = ${stageId} ORDER BY t.fired_at IS NOT NULL, ${DUE_ORDER} LIMIT 1)`;
}

/** Stage timers: the truth about reminders and deadlines, which the BullMQ alarms only echo. */
@Injectable()
export class StageTimerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A newly opened stage's timers, none fired yet, as a statement to ride on the stage's own insert
   * (one round trip for both, whatever their number); null when the stage has none.
   */
  inserting(alarms: readonly TimerAlarm[]): RidingStatement | null {
    if (alarms.length === 0) return null;
    return {
      with: `stage_timers AS (
               INSERT INTO stage_timer (stage_id, kind, generation, fire_at)
               SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::timestamptz[])
             )`,
      select: 'NULL',
      params: [alarms.map((a) => a.stageId), alarms.map((a) => a.kind), alarms.map((a) => a.generation), alarms.map((a) => a.fireAt)],
    };
  }

  /**
   * Marks fired, at `now`, this timer and any earlier one of the stage's generation still unfired
   * (alarms set again after Redis lost them ring together), and answers those it marked, in no
   * particular order; none when this timer had fired already.
   */
  claimDue(tx: EntityManager, timer: TimerKey, now: Date): Promise<Array<{ kind: TimerKind; fireAt: Date }>> {
    return updateRows(
      tx,
      ClaimedRow,
      `UPDATE stage_timer SET fired_at = $4
        WHERE stage_id = $1 AND generation = $3 AND fired_at IS NULL
          AND fire_at <= (SELECT fire_at FROM stage_timer WHERE stage_id = $1 AND kind = $2 AND generation = $3 AND fired_at IS NULL)
        RETURNING kind, fire_at`,
      [timer.stageId, timer.kind, timer.generation, now],
    );
  }

  /** Whether the timer fired, and where its stage stands; undefined when there is no such timer. */
  async stateOf(tx: EntityManager, timer: TimerKey): Promise<TimerState | undefined> {
    const [state] = await queryRows(
      tx,
      StateRow,
      `SELECT t.fired_at, s.status FROM stage_timer t JOIN approval_stage s ON s.id = t.stage_id
        WHERE t.stage_id = $1 AND t.kind = $2 AND t.generation = $3`,
      [timer.stageId, timer.kind, timer.generation],
    );
    return state;
  }

  /**
   * The next timer of up to `limit` open stages (the one whose alarm is set: see StageTimerScheduler), in
   * stage order, after the stage `afterStageId` (from the first when null).
   */
  nextOfOpenStages(db: EntityManager, afterStageId: string | null, limit: number): Promise<TimerAlarm[]> {
    return queryRows(
      db,
      AlarmRow,
      // Walks the open stages in key order and looks up each one's next timer: a DISTINCT ON over the join
      // sorted every timer of the page's stages, 8× slower at 100,000 open stages.
      `SELECT s.id AS stage_id, t.kind, t.generation, t.fire_at
         FROM approval_stage s CROSS JOIN LATERAL ${nextTimerOf('s.id')} AS t
        WHERE s.status = 'OPEN' AND s.id > $1::uuid AND t.fired_at IS NULL
        ORDER BY s.id
        LIMIT ${Math.trunc(limit)}`,
      [afterStageId ?? BEFORE_ALL_STAGES],
    );
  }

  /** The stage's next timer, read in the transaction that fired the one before it; null when all have fired. */
  async nextOfStage(tx: EntityManager, stageId: string): Promise<TimerAlarm | null> {
    const [next] = await queryRows(
      tx,
      AlarmRow,
      `SELECT stage_id, kind, generation, fire_at FROM ${nextTimerOf('$1::uuid')} AS t WHERE t.fired_at IS NULL`,
      [stageId],
    );
    return next ?? null;
  }

  /** Of these timers, the ones still unfired whose stages are still open, read now. */
  unfiredOfOpenStagesAmong(db: EntityManager, keys: readonly TimerKey[]): Promise<TimerAlarm[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return queryRows(
      db,
      AlarmRow,
      `SELECT t.stage_id, t.kind, t.generation, t.fire_at
         FROM unnest($1::uuid[], $2::text[], $3::int[]) AS k (stage_id, kind, generation)
         JOIN stage_timer t USING (stage_id, kind, generation)
         JOIN approval_stage s ON s.id = t.stage_id
        WHERE t.fired_at IS NULL AND s.status = 'OPEN'
        ORDER BY t.stage_id, t.kind, t.generation`,
      [keys.map((k) => k.stageId), keys.map((k) => k.kind), keys.map((k) => k.generation)],
    );
  }

  /**
   * Runs `work` holding the reconciler's session advisory lock, on a connection of its own, and
   * releases it even if the work fails; `held: false` (and nothing run) when another replica holds it.
   */
  async whileHoldingReconcilerLock<T>(work: () => Promise<T>): Promise<{ held: true; result: T } | { held: false }> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await queryRows(
        runner.manager,
        ReconcilerLockRow,
        `SELECT pg_try_advisory_lock(${RECONCILER_LOCK_KEY_SQL}) AS locked`,
      );
      if (!locked) return { held: false };
      try {
        return { held: true, result: await work() };
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(${RECONCILER_LOCK_KEY_SQL})`);
      }
    } finally {
      await runner.release();
    }
  }
}
