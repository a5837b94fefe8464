import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { keepTraceContext } from '@alur/observability';

type Callback = () => Promise<unknown>;

/**
 * Runs work once the caller's transaction has committed: setting BullMQ alarms for timers that
 * exist only if the transaction commits. A rolled-back transaction drops its callbacks. If the
 * process dies in between, the reconciler sets the alarms from the database later.
 */
@Injectable()
export class AfterCommit implements OnModuleInit, EntitySubscriberInterface {
  private readonly logger = new Logger(AfterCommit.name);
  private readonly pending = new WeakMap<QueryRunner, Callback[]>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  run(tx: EntityManager, callback: Callback): void {
    const runner = tx.queryRunner;
    if (!runner?.isTransactionActive) throw new Error('AfterCommit.run needs the transaction it should wait for');
    const callbacks = this.pending.get(runner) ?? [];
    // Run in the trace of who asked (an event's handling), not of whoever committed the transaction.
    callbacks.push(keepTraceContext(callback));
    this.pending.set(runner, callbacks);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const callbacks = this.pending.get(event.queryRunner);
    if (!callbacks) return;
    this.pending.delete(event.queryRunner);
    for (const callback of callbacks) {
      callback().catch((error) => this.logger.warn({ err: error }, 'Work after commit failed; the reconciler will redo it'));
    }
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.pending.delete(event.queryRunner);
  }
}
