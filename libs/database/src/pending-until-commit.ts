import type { QueryRunner } from 'typeorm';

interface Pending<T> {
  item: T;
  /** The transaction level it was asked for in: 1 the transaction itself, 2 and deeper its savepoints. */
  depth: number;
}

/**
 * What a transaction asked for that must wait for its commit (work to run after it, records to write
 * before it), kept per query runner. TypeORM announces a released savepoint as a commit too, so items
 * wait for the outermost transaction; a rollback to a savepoint drops only what was asked for inside
 * it. Called from a data source subscriber's transaction events.
 */
export class PendingUntilCommit<T> {
  private readonly pending = new WeakMap<QueryRunner, Array<Pending<T>>>();

  add(runner: QueryRunner, item: T): void {
    const items = this.pending.get(runner) ?? [];
    items.push({ item, depth: depthOf(runner) });
    this.pending.set(runner, items);
  }

  /**
   * At a commit announced `before` or `after` it happens: the items, in the order asked for, when it is
   * the transaction's own commit (they are taken out); none when a savepoint was released (its items now
   * belong to the level around it).
   */
  takeAtCommit(runner: QueryRunner, announced: 'before' | 'after'): T[] {
    const items = this.pending.get(runner);
    if (!items) return [];
    // The level the transaction is at once the commit is done (0: ended); after it, TypeORM has counted down already.
    const levelAfter = announced === 'before' ? depthOf(runner) - 1 : runner.isTransactionActive ? depthOf(runner) : 0;
    if (levelAfter > 0) {
      for (const pending of items) pending.depth = Math.min(pending.depth, levelAfter);
      return [];
    }
    this.pending.delete(runner);
    return items.map((pending) => pending.item);
  }

  /** After a rollback: everything when the transaction ended, or what was asked for inside the savepoint rolled back to. */
  dropRolledBack(runner: QueryRunner): void {
    const items = this.pending.get(runner);
    if (!items) return;
    if (!runner.isTransactionActive) {
      this.pending.delete(runner);
      return;
    }
    const depth = depthOf(runner);
    this.pending.set(
      runner,
      items.filter((pending) => pending.depth <= depth),
    );
  }
}

/** How deep in savepoints the runner is (1: in the transaction itself). TypeORM keeps it protected; every driver has it. */
function depthOf(runner: QueryRunner): number {
  return (runner as unknown as { transactionDepth?: number }).transactionDepth ?? 1;
}
