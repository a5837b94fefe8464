import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';

/** bench/results/ in the source tree (the benches run from dist/bench/<name>/), or BENCH_RESULTS_DIR. */
export function resultsDir(): string {
  return resolve(process.env.BENCH_RESULTS_DIR ?? resolve(__dirname, '../../../bench/results'));
}

/** Writes `<bench>-<timestamp>.json` and `<bench>-latest.json`; returns the first path. */
export function writeResults(bench: string, report: object, startedAt: Date, dir = resultsDir()): string {
  mkdirSync(dir, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const file = join(dir, `${bench}-${stamp}.json`);
  const json = `${JSON.stringify(report, null, 2)}\n`;
  writeFileSync(file, json);
  writeFileSync(join(dir, `${bench}-latest.json`), json);
  return file;
}

/** The machine the figures come from; other work competing for its cores shows in the load average. */
export function machineOf(loadBefore: number[]) {
  return { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version, loadBefore, loadAfter: loadavg() };
}

export function formatLoad(load: number[]): string {
  return load.map((l) => l.toFixed(2)).join('/');
}

/** Nearest-rank percentile of values sorted ascending. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

export const mib = (bytes: number) => round(bytes / 1024 / 1024, 1);

export function sleep(ms: number): Promise<void> {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
}
