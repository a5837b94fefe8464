import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BacklogPeaks } from './backlog-sampler';
import { LatencySummary } from './latency-probe';

export type PathName = 'durable' | 'plain+insert' | 'plain emit-only';

export interface PhaseResult extends LatencySummary {
  path: PathName;
  phase: 'saturated' | 'paced';
  /** The paced phase's offered rate (events/s). */
  offeredPerSecond?: number;
  /** Events committed but never handled: core NATS may drop; the durable path must show 0. */
  lost: number;
  /** Share of the phase the one Node process spent busy (producer, relay and consumer share it). */
  eventLoopUtilization: number;
  /** Process CPU (user + system) over the phase, in cores. */
  cpuCores: number;
  backlog?: BacklogPeaks;
  /** The relay's drains during the phase (durable path). */
  relayDrains?: number;
  /**
   * Per event, µs the producing and the consuming process's main thread and nats-server's threads were runnable
   * but waiting for a core (schedstat): part of every latency above, and in no CPU figure.
   */
  waitedForCoreUsPerEvent: { producer: number; consumer: number; nats: number };
}

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

export function ratiosOf(results: PhaseResult[]) {
  const find = (path: PathName, phase: PhaseResult['phase']) => results.find((r) => r.path === path && r.phase === phase);
  const out: Record<string, { p50: number; p95: number; p99: number; throughput: number }> = {};
  for (const phase of ['saturated', 'paced'] as const) {
    const durable = find('durable', phase);
    for (const plain of ['plain+insert', 'plain emit-only'] as const) {
      const other = find(plain, phase);
      if (!durable || !other) continue;
      out[`${phase}: durable / ${plain}`] = {
        p50: ratio(durable.latencyMs.p50, other.latencyMs.p50),
        p95: ratio(durable.latencyMs.p95, other.latencyMs.p95),
        p99: ratio(durable.latencyMs.p99, other.latencyMs.p99),
        throughput: ratio(durable.eventsPerSecond, other.eventsPerSecond),
      };
    }
  }
  return out;
}

export function printTable(results: PhaseResult[]): void {
  const header = [
    'path',
    'phase',
    'events',
    'lost',
    'seconds',
    'commits/s',
    'events/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'max ms',
    'ELU',
    'CPU',
  ];
  const rows = results.map((r) => [
    r.path,
    r.offeredPerSecond ? `paced ${r.offeredPerSecond}/s` : r.phase,
    String(r.events),
    String(r.lost),
    r.seconds.toFixed(2),
    String(r.committedPerSecond),
    String(r.eventsPerSecond),
    r.latencyMs.p50.toFixed(1),
    r.latencyMs.p95.toFixed(1),
    r.latencyMs.p99.toFixed(1),
    r.latencyMs.max.toFixed(1),
    r.eventLoopUtilization.toFixed(2),
    r.cpuCores.toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  for (const r of results) {
    if (r.backlog) {
      console.log(
        `backlog peaks, durable ${r.phase}: outbox unpublished ${r.backlog.outboxUnpublished}, ` +
          `stream pending ${r.backlog.streamPending}, ack pending ${r.backlog.ackPending} (${r.backlog.samples} samples)` +
          (r.relayDrains ? `; ${r.relayDrains} relay drains, ${Math.round(r.events / r.relayDrains)} events each` : ''),
      );
    }
  }
  for (const r of results) {
    const { producer, consumer, nats } = r.waitedForCoreUsPerEvent;
    console.log(
      `waited for a core per event, ${r.path} ${r.phase}: producer ${producer} µs, consumer ${consumer} µs, nats-server ${nats} µs`,
    );
  }
}

export function printRatios(ratios: ReturnType<typeof ratiosOf>): void {
  console.log(
    '\nratios, durable ÷ plain (latency above 1× means the durable hop is slower; throughput below 1× means it moves fewer events/s)',
  );
  for (const [name, r] of Object.entries(ratios)) {
    console.log(`  ${name.padEnd(38)} p50 ${r.p50}×  p95 ${r.p95}×  p99 ${r.p99}×  throughput ${r.throughput}×`);
  }
}

/** Writes `events-<timestamp>.json` and `events-latest.json`; returns the first path. */
export function writeResults(dir: string, report: object, startedAt: Date): string {
  mkdirSync(dir, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const file = join(dir, `events-${stamp}.json`);
  const json = `${JSON.stringify(report, null, 2)}\n`;
  writeFileSync(file, json);
  writeFileSync(join(dir, 'events-latest.json'), json);
  return file;
}
