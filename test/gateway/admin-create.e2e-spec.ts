// docs/runbook.md, Install step 7: `npm run admin:create` (the built CLI) makes the first ADMIN of a
// production installation; the password comes on standard input, never in argv.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import * as argon2 from 'argon2';
import { schemaFor } from '@alur/database';
import { baseEnvSchema, parseEnv } from '@alur/config';
import { createTestIsolation, removeTestResources } from '@alur/testing';
import { RunningGateway, startGateway } from './gateway-harness';

const cli = join(__dirname, '../../dist/apps/gateway/src/users/create-admin/create-admin.main.js');
const PASSWORD = 'Diskominfo-Bengkalis-2026!';

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

describe('npm run admin:create', () => {
  const isolation = createTestIsolation();
  // As in production: NODE_ENV production with its own JWT secret (demo data would be refused there).
  const productionEnv = { ...process.env, ...isolation.env, NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), LOG_LEVEL: 'silent' };
  const schema = schemaFor(parseEnv(baseEnvSchema, isolation.env), 'gateway');
  let gateway: RunningGateway;

  const run = (args: string[], stdin: string): Promise<CliRun> =>
    new Promise((resolve) => {
      const child = execFile(process.execPath, [cli, ...args], { env: productionEnv }, (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
      child.stdin!.end(stdin);
    });

  afterAll(async () => {
    await gateway?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('creates an ADMIN on a fresh database who logs in through the gateway and may add users', async () => {
    const created = await run(['--username', 'admin.diskominfo', '--region', '14.03', '--name', 'Admin Diskominfo'], `${PASSWORD}\n`);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toMatch(/^ADMIN admin\.diskominfo created for region 14\.03 \(id [0-9a-f-]{36}\)/);

    gateway = await startGateway(isolation);
    const login = await gateway.call('POST', '/api/v1/auth/login', { body: { username: 'admin.diskominfo', password: PASSWORD } });
    expect(login.status).toBe(200);
    const { accessToken } = await login.json();
    const me = await gateway.call('GET', '/api/v1/me', { token: accessToken });
    expect(await me.json()).toMatchObject({
      username: 'admin.diskominfo',
      role: 'ADMIN',
      regionCode: '14.03',
      regionName: 'Kabupaten Bengkalis',
    });
    const added = await gateway.call('POST', '/api/v1/users', {
      token: accessToken,
      body: { username: 'camat.first', password: 'camat-password-1', role: 'CAMAT', regionCode: '14.03.09', displayName: 'Camat Mandau' },
    });
    expect(added.status).toBe(201);
  });

  it('stores an argon2id hash and an audit record of the system naming the command', async () => {
    const db = gateway.app.get(DataSource);
    const [user] = await db.query(`SELECT id, password_hash FROM "${schema}".user_account WHERE username = 'admin.diskominfo'`);
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    expect(await argon2.verify(user.password_hash, PASSWORD)).toBe(true);
    const audit = await db.query(
      `SELECT actor, action, after FROM "${schema}".audit_record WHERE entity_id = $1 AND action = 'user.created'`,
      [user.id],
    );
    expect(audit).toEqual([
      {
        actor: null,
        action: 'user.created',
        after: expect.objectContaining({ username: 'admin.diskominfo', role: 'ADMIN', by: expect.stringMatching(/^admin:create \(/) }),
      },
    ]);
  });

  it('refuses an existing username and leaves its account as it was', async () => {
    const db = gateway.app.get(DataSource);
    const hashOf = async () =>
      (await db.query(`SELECT password_hash FROM "${schema}".user_account WHERE username = 'admin.diskominfo'`))[0].password_hash;
    const before = await hashOf();
    const again = await run(['--username', 'admin.diskominfo', '--region', '14.03'], 'another-password-123\n');
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/user admin\.diskominfo exists already; nothing was changed/);
    expect(await hashOf()).toBe(before);
    // The demo seed's admin too: the command never takes over an account.
    expect((await run(['--username', 'admin', '--region', '14.03'], 'another-password-123\n')).code).toBe(2);
  });

  it('takes no password from argv, and refuses a short one or a region that is not a kabupaten', async () => {
    const argv = await run(['--username', 'admin.two', '--region', '14.03', '--password', PASSWORD], '');
    expect(argv.code).not.toBe(0);
    expect(argv.stderr).toMatch(/Unknown option '--password'/);
    expect((await run(['--username', 'admin.two', '--region', '14.03'], 'short\n')).stderr).toMatch(/at least 12 characters/);
    expect((await run(['--username', 'admin.two', '--region', '14.03.09'], `${PASSWORD}\n`)).stderr).toMatch(
      /--region: an ADMIN acts on a kabupaten\/kota/,
    );
    const [{ count }] = await gateway.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS count FROM "${schema}".user_account WHERE username = 'admin.two'`);
    expect(count).toBe(0);
  });
});
