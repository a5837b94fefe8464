import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { againOnDeadlock } from './deadlock';

/** The isolation levels PostgreSQL gives a transaction (TypeORM's own type is not exported from its root). */
export type IsolationLevel = 'READ UNCOMMITTED' | 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

/**
 * Where use cases get their transaction (and, for reads that need none, the plain manager), so that
 * they talk to repositories rather than to the DataSource, and a unit test can run them against
 * in-memory repositories by handing in a stand-in.
 */
@Injectable()
export class Transactions {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Runs `work` in one transaction: committed if it returns, rolled back if it throws; at the
   * database's default isolation unless `isolation` asks for another (e.g. one snapshot for a page and its counts).
   * A transaction that PostgreSQL ends as a deadlock's victim runs again (see againOnDeadlock), so `work`
   * must read what it decides on inside the transaction, as every use case here does.
   */
  run<T>(work: (tx: EntityManager) => Promise<T>, isolation?: IsolationLevel): Promise<T> {
    return againOnDeadlock(() => (isolation ? this.dataSource.transaction(isolation, work) : this.dataSource.transaction(work)));
  }

  /** The manager for reads outside any transaction (each statement on its own). */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }
}
