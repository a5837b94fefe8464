// `npm start` runs each service under infra/scripts/supervise.sh: a crashed service is started again
// with back-off instead of stopping everything, and one that cannot start at all is given up on.
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectEventually } from '@alur/testing';

const supervise = join(__dirname, '..', '..', 'infra', 'scripts', 'supervise.sh');

/** A stand-in service: records each start; crashes on its first `crashes` starts, then runs until SIGTERM. */
const SERVICE = `
const fs = require('node:fs');
const [runsFile, crashes] = [process.argv[2], Number(process.argv[3])];
const run = fs.readFileSync(runsFile, 'utf8').split('\\n').filter((l) => l.startsWith('start')).length + 1;
fs.appendFileSync(runsFile, 'start ' + run + '\\n');
if (run <= crashes) process.exit(3);
process.on('SIGTERM', () => { fs.appendFileSync(runsFile, 'drained\\n'); process.exit(0); });
fs.appendFileSync(runsFile, 'up\\n');
setInterval(() => undefined, 1000);
`;

describe('infra/scripts/supervise.sh', () => {
  let dir: string;
  let supervisor: ChildProcess | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'alur-supervise-'));
    writeFileSync(join(dir, 'service.js'), SERVICE);
    writeFileSync(join(dir, 'runs'), '');
  });

  afterEach(() => {
    if (supervisor?.exitCode === null) supervisor.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  function start(crashes: number, env: Record<string, string> = {}) {
    supervisor = spawn(
      'bash',
      [supervise, 'demo', join(dir, 'demo.log'), '--', process.execPath, join(dir, 'service.js'), join(dir, 'runs'), String(crashes)],
      {
        env: { ...process.env, SUPERVISE_BACKOFF_BASE_S: '0.05', ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    const exited = new Promise<number | null>((resolve) => supervisor!.once('exit', (code) => resolve(code)));
    return { supervisor, exited };
  }
  const runs = () => readFileSync(join(dir, 'runs'), 'utf8').trim().split('\n');

  it('starts a crashed service again with growing waits, and stops it with SIGTERM so it drains', async () => {
    const { supervisor, exited } = start(2);
    await expectEventually(() => expect(runs()).toEqual(['start 1', 'start 2', 'start 3', 'up']));
    const log = readFileSync(join(dir, 'demo.log'), 'utf8');
    expect(log).toContain('demo exited with 3; restarting in 0.05 s');
    expect(log).toContain('demo exited with 3; restarting in 0.1 s');

    supervisor.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(runs().at(-1)).toBe('drained');
  });

  it('gives up, exiting 1, on a service that keeps failing at once', async () => {
    const { exited } = start(1000, { SUPERVISE_MAX_QUICK_FAILURES: '3' });
    expect(await exited).toBe(1);
    expect(runs()).toEqual(['start 1', 'start 2', 'start 3']);
    expect(readFileSync(join(dir, 'demo.log'), 'utf8')).toContain('3 quick failures in a row; giving up');
  });
});
