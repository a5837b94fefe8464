import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Rows of `table` whose `olderThan` column is older than `hours` (and that match `where`, if given) are deleted. */
export interface RetentionRule {
  table: string;
  olderThan: string;
  hours: number;
  /** An extra SQL condition on the row, e.g. only what is closed. */
  where?: string;
}

export const RETENTION_RULES = Symbol('RETENTION_RULES');
const SWEEP_EVERY_MS = 60 * 60 * 1000;
/** Deleted per statement, so a large first sweep never holds long locks or one huge transaction. */
const BATCH = 5000;

/**
 * Keeps bookkeeping tables bounded: once an hour, in batches, one replica at a time (a transaction-level
 * advisory lock per table), each rule's expired rows go. Every rule needs an index on its `olderThan` column.
 */
@Injectable()
export class RetentionSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionSweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(RETENTION_RULES) private readonly rules: RetentionRule[],
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    void this.sweep();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Runs every rule once (a sweep already running is joined, not repeated). */
  sweep(): Promise<void> {
    this.running ??= this.sweepAll().finally(() => (this.running = undefined));
    return this.running;
  }

  async removeExpired(rule: RetentionRule): Promise<number> {
    let removed = 0;
    for (;;) {
      const n: number = await this.dataSource.transaction(async (tx) => {
        const [{ locked }] = await tx.query('SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || $1)) AS locked', [rule.table]);
        if (!locked) return 0;
        const [, count] = await tx.query(
          `DELETE FROM ${rule.table} WHERE ctid IN (
             SELECT ctid FROM ${rule.table} WHERE ${rule.olderThan} < now() - make_interval(hours => $1) ${rule.where ? `AND (${rule.where})` : ''} LIMIT ${BATCH})`,
          [rule.hours],
        );
        return count ?? 0;
      });
      removed += n;
      if (n < BATCH) return removed;
    }
  }

  private async sweepAll(): Promise<void> {
    for (const rule of this.rules) {
      try {
        const removed = await this.removeExpired(rule);
        if (removed > 0) this.logger.log({ table: rule.table, removed }, 'Removed rows past their retention');
      } catch (error) {
        this.logger.warn({ err: error, table: rule.table }, 'Retention sweep failed; the next one retries');
      }
    }
  }
}
