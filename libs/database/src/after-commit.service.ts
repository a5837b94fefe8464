import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntitySubscriberInterface, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { keepTraceContext } from '@alur/observability';
import { PendingUntilCommit } from './pending-until-commit';

type Task = () => Promise<unknown>;

/**
 * Runs work once the caller's transaction has committed, such as adding the jobs of rows it wrote
 * (stage-timer alarms, notification deliveries): a job must never exist for a row that was rolled
 * back. Work asked for inside a savepoint waits for the outermost commit, and goes if the savepoint is
 * rolled back (PendingUntilCommit). Failures are only logged: each caller's reconciler re-adds from
 * the database what the work did not.
 */
@Injectable()
export class AfterCommit implements EntitySubscriberInterface, OnModuleInit {
  private readonly logger = new Logger(AfterCommit.name);
  private readonly pending = new PendingUntilCommit<Task>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  run(tx: EntityManager, task: Task): void {
    const runner = tx.queryRunner;
    if (!runner?.isTransactionActive) throw new Error('AfterCommit.run needs the transaction whose commit it waits for');
    // Run in the trace of who asked (an event's handling), not of whoever committed the transaction.
    this.pending.add(runner, keepTraceContext(task));
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    for (const task of this.pending.takeAtCommit(event.queryRunner, 'after')) {
      task().catch((error) => this.logger.warn({ err: error }, 'Work after commit failed; the reconciler will redo it'));
    }
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.pending.dropRolledBack(event.queryRunner);
  }
}
