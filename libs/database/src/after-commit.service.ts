import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import { keepTraceContext } from '@alur/observability';

type Task = () => Promise<unknown>;

interface PendingTask {
  task: Task;
  /** The transaction level it belongs to: 1 the transaction itself, 2 and deeper its savepoints. */
  depth: number;
}

/**
 * Runs work once the caller's transaction has committed, such as adding the jobs of rows it wrote
 * (stage-timer alarms, notification deliveries): a job must never exist for a row that was rolled
 * back. TypeORM announces a released savepoint as a commit too, so the work waits for the outermost
 * transaction; a rollback to a savepoint drops only the work asked for inside it. Failures are only
 * logged: each caller's reconciler re-adds from the database what the work did not.
 */
@Injectable()
export class AfterCommit implements EntitySubscriberInterface, OnModuleInit {
  private readonly logger = new Logger(AfterCommit.name);
  private readonly pending = new WeakMap<QueryRunner, PendingTask[]>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  run(tx: EntityManager, task: Task): void {
    const runner = tx.queryRunner;
    if (!runner?.isTransactionActive) throw new Error('AfterCommit.run needs the transaction whose commit it waits for');
    const tasks = this.pending.get(runner) ?? [];
    // Run in the trace of who asked (an event's handling), not of whoever committed the transaction.
    tasks.push({ task: keepTraceContext(task), depth: depthOf(runner) });
    this.pending.set(runner, tasks);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const tasks = this.pending.get(event.queryRunner);
    if (!tasks) return;
    if (event.queryRunner.isTransactionActive) {
      // A released savepoint is not the commit: its work now belongs to the level around it.
      const depth = depthOf(event.queryRunner);
      for (const pending of tasks) pending.depth = Math.min(pending.depth, depth);
      return;
    }
    this.pending.delete(event.queryRunner);
    for (const { task } of tasks) {
      task().catch((error) => this.logger.warn({ err: error }, 'Work after commit failed; the reconciler will redo it'));
    }
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    const tasks = this.pending.get(event.queryRunner);
    if (!tasks) return;
    if (!event.queryRunner.isTransactionActive) {
      this.pending.delete(event.queryRunner);
      return;
    }
    // Rolled back to a savepoint: what was asked for inside it goes, the rest still waits for the commit.
    const depth = depthOf(event.queryRunner);
    this.pending.set(
      event.queryRunner,
      tasks.filter((pending) => pending.depth <= depth),
    );
  }
}

/** How deep in savepoints the runner is (1: in the transaction itself). TypeORM keeps it protected; every driver has it. */
function depthOf(runner: QueryRunner): number {
  return (runner as unknown as { transactionDepth?: number }).transactionDepth ?? 1;
}
