import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Where use cases get their transaction (and, for reads that need none, the plain manager), so that
 * they talk to repositories rather than to the DataSource, and a unit test can run them against
 * in-memory repositories by handing in a stand-in.
 */
@Injectable()
export class Transactions {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction: committed if it returns, rolled back if it throws. */
  run<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The manager for reads outside any transaction (each statement on its own). */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }
}
