import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

export interface PgbenchResult {
  tps: number;
  clients: number;
  seconds: number;
  scale: number;
  command: string;
}

/**
 * `pgbench -N` (TPC-B without the contended branch/teller updates: three writes and a read per
 * transaction, each committed) on a scratch database of its own, dropped afterwards: the yardstick
 * of what this machine's PostgreSQL commits per second right now. Installs postgresql-contrib when
 * pgbench is missing and the bench runs as root.
 */
export async function runPgbench(databaseUrl: string, options = { clients: 8, seconds: 15, scale: 10 }): Promise<PgbenchResult> {
  const pgbench = await findPgbench();
  const url = new URL(databaseUrl);
  const name = `alur_bench_pgbench_${process.pid}`;
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const pg = new Client({ connectionString: admin.toString() });
  await pg.connect();
  const connection = ['-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username || 'postgres')];
  const env = { ...process.env, ...(url.password ? { PGPASSWORD: decodeURIComponent(url.password) } : {}) };
  try {
    await pg.query(`DROP DATABASE IF EXISTS "${name}"`);
    await pg.query(`CREATE DATABASE "${name}"`);
    await run(pgbench, [...connection, '-i', '-q', '-s', String(options.scale), name], { env });
    const args = [...connection, '-N', '-n', '-c', String(options.clients), '-j', '2', '-T', String(options.seconds), name];
    const { stdout } = await run(pgbench, args, { env });
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1] ?? /tps = ([\d.]+)/.exec(stdout)?.[1]);
    if (!Number.isFinite(tps)) throw new Error(`could not read pgbench's TPS from:\n${stdout}`);
    return {
      tps: Math.round(tps),
      clients: options.clients,
      seconds: options.seconds,
      scale: options.scale,
      command: `pgbench ${args.slice(6).join(' ')}`,
    };
  } finally {
    await pg.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
    await pg.end();
  }
}

async function findPgbench(): Promise<string> {
  for (const candidate of ['pgbench', ...(await versionedPgbench())]) {
    if (
      await run(candidate, ['--version']).then(
        () => true,
        () => false,
      )
    )
      return candidate;
  }
  if (process.getuid?.() !== 0) throw new Error('pgbench is missing: install postgresql-contrib (apt-get install postgresql-contrib)');
  await run('apt-get', ['install', '-y', '-qq', 'postgresql-contrib']);
  return 'pgbench';
}

async function versionedPgbench(): Promise<string[]> {
  const { stdout } = await run('sh', ['-c', 'ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null || true']);
  return stdout.split('\n').filter(Boolean);
}
