import type { EntityManager } from 'typeorm';
import type { AfterCommit } from '@alur/database';

/** Work that waits for the commit (AfterCommit.run); `commit()` stands for the commit and runs it, in order. */
export class PendingAfterCommit implements Pick<AfterCommit, 'run'> {
  private tasks: Array<() => Promise<unknown>> = [];

  run(_tx: EntityManager, task: () => Promise<unknown>): void {
    this.tasks.push(task);
  }

  async commit(): Promise<void> {
    for (const task of this.tasks.splice(0)) await task();
  }
}
