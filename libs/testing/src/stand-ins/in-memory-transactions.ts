import type { EntityManager } from 'typeorm';
import type { Transactions } from '@alur/database';
import type { Public } from './fake';

/** A store a transaction can put back as it was when the work began. */
export interface Rollbackable {
  /** Remembers what is stored now; the function it answers puts it back. */
  snapshot(): () => void;
}

/**
 * Transactions for unit tests: the work runs at once, on a manager nobody reads. If it throws, every
 * store the transactions were given is put back as it was when the work began (all-or-nothing, as a
 * rolled-back transaction is); stores not given keep what the work did. No locks: those are the
 * end-to-end tests' to prove.
 */
export class InMemoryTransactions implements Public<Transactions> {
  readonly manager = {} as EntityManager;
  private readonly stores: Rollbackable[];

  constructor(...stores: Rollbackable[]) {
    this.stores = stores;
  }

  async run<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    const restores = this.stores.map((store) => store.snapshot());
    try {
      return await work(this.manager);
    } catch (error) {
      restores.forEach((restore) => restore());
      throw error;
    }
  }
}
