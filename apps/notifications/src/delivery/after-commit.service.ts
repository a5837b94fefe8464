import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { keepTraceContext } from '@alur/observability';

type Task = () => Promise<unknown>;

/**
 * Runs work once the caller's transaction has committed, such as enqueueing the delivery jobs of rows
 * it wrote: a job must never exist for a row that was rolled back. Failures are only logged, since
 * the delivery reconciler re-enqueues whatever stays queued.
 */
@Injectable()
export class AfterCommit implements EntitySubscriberInterface, OnModuleInit {
  private readonly logger = new Logger(AfterCommit.name);
  private readonly pending = new WeakMap<QueryRunner, Task[]>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  run(tx: EntityManager, task: Task): void {
    const runner = tx.queryRunner;
    if (!runner?.isTransactionActive) throw new Error('AfterCommit.run needs the transaction whose commit it waits for');
    const tasks = this.pending.get(runner) ?? [];
    // Run in the trace of who asked (an event's handling), not of whoever committed the transaction.
    tasks.push(keepTraceContext(task));
    this.pending.set(runner, tasks);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // A released savepoint is not the commit: wait for the outermost transaction.
    if (event.queryRunner.isTransactionActive) return;
    const tasks = this.pending.get(event.queryRunner);
    if (!tasks) return;
    this.pending.delete(event.queryRunner);
    for (const task of tasks) {
      task().catch((error) => this.logger.warn({ err: error }, 'Work after commit failed; the reconciler will retry it'));
    }
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.pending.delete(event.queryRunner);
  }
}
