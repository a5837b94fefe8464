import { performance } from 'node:perf_hooks';

export interface LatencySummary {
  events: number;
  handled: number;
  seconds: number;
  eventsPerSecond: number;
  /** How fast the writers committed: below the offered load when the producer side is the bottleneck. */
  committedPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
}

/** Milliseconds on one clock for the whole process: producer and consumer run in it together. */
export const now = (): number => performance.timeOrigin + performance.now();

/**
 * Commit and handled times keyed by event id. Kept in two maps so that the order in which the two
 * stamps arrive does not matter; the first handled stamp wins (a redelivery is not a second hop).
 */
export class LatencyProbe {
  private readonly committedAt = new Map<string, number>();
  private readonly handledAt = new Map<string, number>();
  private waiter?: { count: number; resolve: () => void };

  constructor(private expectedCount: number) {}

  get expected(): number {
    return this.expectedCount;
  }

  /** Sets how many events to wait for, once the writers know how many they wrote. */
  expect(count: number): void {
    this.expectedCount = count;
  }

  committed(id: string, at = now()): void {
    this.committedAt.set(id, at);
  }

  handled(id: string, at = now()): void {
    if (this.handledAt.has(id)) return;
    this.handledAt.set(id, at);
    if (this.waiter && this.handledAt.size >= this.waiter.count) this.waiter.resolve();
  }

  get handledCount(): number {
    return this.handledAt.size;
  }

  /** Resolves when every expected event was handled; rejects after `timeoutMs` saying how many were. */
  async allHandled(timeoutMs: number): Promise<void> {
    if (this.handledAt.size >= this.expectedCount) return;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        new Promise<void>((resolve) => (this.waiter = { count: this.expectedCount, resolve })),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`only ${this.handledAt.size} of ${this.expectedCount} events handled after ${timeoutMs} ms`)),
            timeoutMs,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  summary(): LatencySummary {
    const latencies: number[] = [];
    let firstCommit = Infinity;
    let lastCommit = -Infinity;
    let lastHandled = -Infinity;
    for (const [id, committed] of this.committedAt) {
      firstCommit = Math.min(firstCommit, committed);
      lastCommit = Math.max(lastCommit, committed);
      const handled = this.handledAt.get(id);
      if (handled === undefined) continue;
      lastHandled = Math.max(lastHandled, handled);
      latencies.push(handled - committed);
    }
    latencies.sort((a, b) => a - b);
    const seconds = (lastHandled - firstCommit) / 1000;
    const at = (q: number) => round(latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] ?? NaN);
    return {
      events: this.committedAt.size,
      handled: latencies.length,
      seconds: round(seconds, 3),
      eventsPerSecond: Math.round(latencies.length / seconds),
      committedPerSecond: Math.round((this.committedAt.size * 1000) / (lastCommit - firstCommit)),
      latencyMs: {
        p50: at(0.5),
        p95: at(0.95),
        p99: at(0.99),
        max: round(latencies[latencies.length - 1] ?? NaN),
        mean: round(latencies.reduce((sum, l) => sum + l, 0) / latencies.length),
      },
    };
  }
}

function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
