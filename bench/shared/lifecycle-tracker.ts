import { performance } from 'node:perf_hooks';

/** Wall-clock milliseconds, comparable with PostgreSQL's timestamps. */
export const now = (): number => performance.timeOrigin + performance.now();

export interface Lifecycle {
  proposalId: string;
  villageCode: string;
  startedAt: number;
  submittedAt?: number;
  /** When the last stage (Bupati) was approved. */
  approvedAt?: number;
  /** When tranche 1 was released: the end of the lifecycle. */
  releasedAt?: number;
  failure?: string;
}

/**
 * What happened to each proposal the bench started, filled in by the BKMs, officials and BPKAD as
 * they act; a BKM waits here until its proposal's first tranche is released.
 */
export class LifecycleTracker {
  readonly lifecycles = new Map<string, Lifecycle>();
  /** Decisions refused because the stage was no longer open (409): two people on one stage. */
  conflicts = 0;
  /** Requests a person sent again after the gateway gave up waiting (504). */
  retries = 0;
  readonly errors: string[] = [];
  private readonly waiting = new Map<string, () => void>();

  started(proposalId: string, villageCode: string, startedAt: number): void {
    this.lifecycles.set(proposalId, { proposalId, villageCode, startedAt });
  }

  submitted(proposalId: string): void {
    const lifecycle = this.lifecycles.get(proposalId);
    if (lifecycle) lifecycle.submittedAt = now();
  }

  decided(proposalId: string, stageOrder: number, stageCount: number): void {
    const lifecycle = this.lifecycles.get(proposalId);
    if (lifecycle && stageOrder === stageCount) lifecycle.approvedAt = now();
  }

  released(proposalId: string): void {
    const lifecycle = this.lifecycles.get(proposalId);
    if (!lifecycle) return;
    lifecycle.releasedAt = now();
    this.waiting.get(proposalId)?.();
  }

  /** A step of the lifecycle was refused or timed out: it ends here, and its BKM stops waiting. */
  failed(proposalId: string, reason: string): void {
    const lifecycle = this.lifecycles.get(proposalId);
    if (!lifecycle || lifecycle.releasedAt) return;
    lifecycle.failure ??= reason;
    this.waiting.get(proposalId)?.();
  }

  /** An error outside one lifecycle (an official's look at the inbox, a release); the first ones are kept. */
  error(reason: string): void {
    if (this.errors.length < 20) this.errors.push(reason);
    else if (this.errors.length === 20) this.errors.push('… (more)');
  }

  waitReleased(proposalId: string, timeoutMs: number): Promise<void> {
    if (this.lifecycles.get(proposalId)?.releasedAt) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(proposalId);
        reject(new Error(`tranche 1 not released within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.waiting.set(proposalId, () => {
        clearTimeout(timer);
        this.waiting.delete(proposalId);
        resolve();
      });
    });
  }

  get releasedCount(): number {
    let released = 0;
    for (const lifecycle of this.lifecycles.values()) if (lifecycle.releasedAt) released++;
    return released;
  }
}
