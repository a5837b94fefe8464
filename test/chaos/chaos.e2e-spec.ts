import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CHAOS_MAIN = resolve(__dirname, '../../dist/bench/chaos/main.js');

/**
 * The short chaos run of `npm run chaos`: a dozen lifecycles through the API of the five services
 * running as separate processes, each fault once (every service SIGKILLed and restarted, two at once,
 * the run's Redis keys lost, its PostgreSQL connections terminated, its NATS connections cut).
 */
describe('the system under faults (npm run chaos, short)', () => {
  let resultsDir: string;

  beforeAll(() => {
    resultsDir = mkdtempSync(join(tmpdir(), 'alur-chaos-results-'));
  });

  afterAll(() => rmSync(resultsDir, { recursive: true, force: true }));

  it('loses no lifecycle, decides no stage twice, keeps every ceiling exact, notifies once and leaves nothing behind', async () => {
    const { code, output } = await runChaos({
      CHAOS_LIFECYCLES: '12',
      CHAOS_VILLAGES: '12',
      CHAOS_CONCURRENCY: '12',
      CHAOS_FAULT_ROUNDS: '1',
      CHAOS_FAULT_INTERVAL_S: '2',
      CHAOS_DOWN_S: '2',
      CHAOS_LIFECYCLE_TIMEOUT_S: '150',
      CHAOS_QUIESCENCE_TIMEOUT_S: '180',
      // A delivery interrupted by a fault is retried within seconds rather than the production 30 s back-off.
      NOTIFICATIONS_RETRY_BASE_MS: '1000',
      // A delivery whose job the lost Redis keys took (or a killed process never added) is queued again within
      // seconds rather than the production minute, which the run's quiet waited out.
      NOTIFICATIONS_RECONCILE_SECONDS: '2',
      BENCH_RESULTS_DIR: resultsDir,
    });
    // A run that ended before its report says why in its output, shown here.
    const reported = existsSync(join(resultsDir, 'chaos-latest.json'));
    expect(reported ? 'report written' : `no report (exit ${code}):\n${output.slice(-4000)}`).toBe('report written');
    const report = JSON.parse(readFileSync(join(resultsDir, 'chaos-latest.json'), 'utf8')) as {
      checks: Array<{ name: string; passed: boolean; summary: string }>;
      faults: { byKind: Record<string, number> };
      lifecycles: { submitted: number };
      notQuiet?: unknown;
    };

    // A run that never became quiet shows what it was left with (the oldest unfinished deliveries and their jobs).
    expect({ failed: report.checks.filter((c) => !c.passed), notQuiet: report.notQuiet }).toEqual({ failed: [], notQuiet: undefined });
    expect(report.checks).toHaveLength(6);
    expect(Object.keys(report.faults.byKind).sort()).toEqual([
      'kill-approvals',
      'kill-disbursements',
      'kill-gateway',
      'kill-notifications',
      'kill-proposals',
      'kill-two-services',
      'nats-connections-cut',
      'postgres-connections-terminated',
      'redis-keys-lost',
    ]);
    expect(report.lifecycles.submitted).toBe(12);
    expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
  }, 600_000);
});

function runChaos(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CHAOS_MAIN], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', fail);
    child.once('exit', (code) => done({ code, output: output.slice(-4000) }));
  });
}
