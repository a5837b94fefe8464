// infra/service-runtime.env is read three ways: sourced by sh in the image, by npm start's bash
// (env-file.sh) and by the benches (serviceRuntimeEnv). A service must get the same flags from each.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { serviceRuntimeEnv } from '../../bench/shared/running-system';

const root = join(__dirname, '..', '..');
const REPORT = `process.stdout.write(JSON.stringify({ NODE_OPTIONS: process.env.NODE_OPTIONS, GLIBC_TUNABLES: process.env.GLIBC_TUNABLES, gc: typeof gc }))`;
const bare = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };

function serviceSees(command: string, args: string[], env: NodeJS.ProcessEnv): Record<string, string> {
  return JSON.parse(execFileSync(command, args, { cwd: root, env, encoding: 'utf8' })) as Record<string, string>;
}

describe('infra/service-runtime.env', () => {
  const image = serviceSees('sh', ['-c', `set -a && . ./infra/service-runtime.env && set +a && exec node -e '${REPORT}'`], bare);

  it('gives a service started as the image starts it the Node flags and glibc tunables it names', () => {
    expect(image.NODE_OPTIONS.split(' ')).toEqual(expect.arrayContaining(['--max-semi-space-size=8', '--expose-gc']));
    expect(image.GLIBC_TUNABLES).toContain('glibc.malloc.trim_threshold=1048576');
    expect(image.gc).toBe('function');
  });

  it('gives the same to a service npm start runs', () => {
    const script = `set -euo pipefail; source infra/scripts/env-file.sh; export_missing_from infra/service-runtime.env; exec node -e '${REPORT}'`;
    expect(serviceSees('bash', ['-c', script], bare)).toEqual(image);
  });

  it('gives the same to a service a bench or end-to-end run starts', () => {
    expect(serviceSees('node', ['-e', REPORT], { ...bare, ...serviceRuntimeEnv() })).toEqual(image);
  });

  it('leaves npm start a setting the environment already makes', () => {
    const script = `set -euo pipefail; source infra/scripts/env-file.sh; export_missing_from infra/service-runtime.env; exec node -e '${REPORT}'`;
    expect(serviceSees('bash', ['-c', script], { ...bare, NODE_OPTIONS: '--max-semi-space-size=4' })).toMatchObject({
      NODE_OPTIONS: '--max-semi-space-size=4',
      gc: 'undefined',
    });
  });
});
