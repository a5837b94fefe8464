import { Logger, OnApplicationBootstrap, OnApplicationShutdown, Provider } from '@nestjs/common';
import { EventLoopUtilization, performance } from 'node:perf_hooks';
import { getHeapStatistics, HeapInfo } from 'node:v8';

const MIB = 1024 * 1024;

/** When an idle process collects its heap. */
export interface IdleCollectionPolicy {
  /** How often the event loop's utilisation and the heap are read. */
  checkEveryMs: number;
  /** Consecutive checks the loop must have been this quiet for, before a collection. */
  quietChecks: number;
  /** The share of a check's time the loop may have been busy and still count as quiet. */
  quietUtilisation: number;
  /** How far the used heap must have grown past the least seen since the last collection. */
  garbageMiB: number;
}

/**
 * Quiet for 8 s (V8's memory reducer waits as long), and at least 16 MiB to win: a service's
 * housekeeping (relay, consumers' heartbeats, BullMQ's stalled checks, /metrics) keeps its loop well
 * under 2% busy when nobody uses it.
 */
export const IDLE_COLLECTION: IdleCollectionPolicy = { checkEveryMs: 2_000, quietChecks: 4, quietUtilisation: 0.02, garbageMiB: 16 };

export interface HeapCheck {
  /** The loop's busy share since the check before. */
  utilisation: number;
  usedHeapBytes: number;
}

/**
 * Decides, check by check, when to collect. The least used heap seen since the last collection stands
 * for what is live: V8's own collections bring the used heap down to about that, and it only grows
 * between them.
 */
export class IdleCollectionDecider {
  private quietFor = 0;
  private leastUsed = Number.POSITIVE_INFINITY;

  constructor(private readonly policy: IdleCollectionPolicy) {}

  /** Whether this check should collect. */
  next(check: HeapCheck): boolean {
    this.leastUsed = Math.min(this.leastUsed, check.usedHeapBytes);
    this.quietFor = check.utilisation <= this.policy.quietUtilisation ? this.quietFor + 1 : 0;
    return this.quietFor >= this.policy.quietChecks && check.usedHeapBytes - this.leastUsed >= this.policy.garbageMiB * MIB;
  }

  /** The heap as a collection left it. */
  collected(usedHeapBytes: number): void {
    this.leastUsed = usedHeapBytes;
    this.quietFor = 0;
  }
}

type CollectGarbage = (options: { type: 'major'; execution: 'async' }) => Promise<void>;

/**
 * Gives an idle service's garbage back. Under load V8 lets the old generation grow to a few times what
 * is live before it collects; when the load stops, nothing allocates, so nothing collects, and the
 * gateway sat at 216 MiB of heap (74 MiB live) after a 30-minute soak. V8's memory reducer collects an
 * idle heap only after a collection has just shrunk it, which an abrupt end of load does not give.
 * Active where the process runs with `--expose-gc` (infra/service-runtime.env); inert elsewhere.
 */
export class IdleHeapCollector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IdleHeapCollector.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly policy: IdleCollectionPolicy = IDLE_COLLECTION,
    private readonly collect: CollectGarbage | undefined = (globalThis as { gc?: CollectGarbage }).gc,
  ) {}

  onApplicationBootstrap(): void {
    const collect = this.collect;
    if (!collect || this.timer) return;
    const decider = new IdleCollectionDecider(this.policy);
    // A service that has just started holds little besides what it lives on.
    decider.collected(getHeapStatistics().used_heap_size);
    let since: EventLoopUtilization = performance.eventLoopUtilization();
    let collecting = false;
    this.timer = setInterval(() => {
      const now = performance.eventLoopUtilization();
      const utilisation = performance.eventLoopUtilization(now, since).utilization;
      since = now;
      const before = getHeapStatistics();
      if (collecting || !decider.next({ utilisation, usedHeapBytes: before.used_heap_size })) return;
      collecting = true;
      compactIdleHeap(collect, before)
        .then((after) => {
          decider.collected(after.used_heap_size);
          this.logger.log({ heapMiB: { before: heapFigures(before), after: heapFigures(after) } }, 'collected the heap while idle');
        })
        .catch((error: unknown) => this.logger.warn(`idle collection failed: ${(error as Error).message}`))
        .finally(() => (collecting = false));
    }, this.policy.checkEveryMs).unref();
  }

  /** Whether it is watching the loop. */
  get running(): boolean {
    return this.timer !== undefined;
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

/**
 * One full collection frees the garbage but leaves the survivors spread over most of the pages the load
 * grew (notifications: 66 MiB used of 183 MiB held after one); each further one compacts more of them.
 * Up to three, as V8's memory reducer does, while one still gives back pages. Incremental marking in
 * V8's own tasks: a request arriving meanwhile is not held up by a whole pause.
 */
async function compactIdleHeap(collect: CollectGarbage, before: HeapInfo): Promise<HeapInfo> {
  let heap = before;
  for (let pass = 0; pass < 3; pass++) {
    await collect({ type: 'major', execution: 'async' });
    const held = heap.total_heap_size;
    heap = getHeapStatistics();
    if (held - heap.total_heap_size < 4 * MIB) break;
  }
  return heap;
}

function heapFigures(heap: HeapInfo): { used: number; held: number } {
  return { used: Math.round(heap.used_heap_size / MIB), held: Math.round(heap.total_heap_size / MIB) };
}

/** One per service process, beside its metrics. */
export const IDLE_HEAP_COLLECTOR: Provider = { provide: IdleHeapCollector, useFactory: () => new IdleHeapCollector() };
