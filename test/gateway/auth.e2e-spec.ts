import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Module, Type } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ClsService } from 'nestjs-cls';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { OutboxService } from '@alur/messaging';
import { CLS_ACTOR } from '@alur/observability';
import { RegionDirectory } from '@alur/regions';
import { createTestIsolation, removeTestResources } from '@alur/testing';
import { Public } from '../../apps/gateway/src/auth/public.decorator';
import { Roles } from '../../apps/gateway/src/auth/roles.decorator';
import { seedDemoUsers } from '../../apps/gateway/src/seed/seed-demo-users';
import { RunningGateway, startGateway } from './gateway-harness';

/** Routes that show what the guards decided: the actor a service would receive, and role checks. */
@Controller('api/v1/test-probe')
class ProbeController {
  constructor(private readonly cls: ClsService) {}

  @Get('actor')
  actor() {
    return this.cls.get(CLS_ACTOR);
  }

  @Get('bupati-only')
  @Roles('BUPATI')
  bupatiOnly() {
    return { ok: true };
  }

  @Get('open')
  @Public()
  open() {
    return { ok: true };
  }
}

const SEED_MAIN = join(__dirname, '../../dist/apps/gateway/src/seed/seed-demo.main.js');
// Per village a BKM and a lurah, per kecamatan a camat and a verifikator, and the regency's eight: dinas, sekda,
// bupati, the regency's verifikator, admin, inspektorat, and BPKAD's two (bpkad prepares, bpkad.kuasa-bud authorises).
const USERS_IN_DEMO = 155 * 2 + 11 * 2 + 8;

describe('gateway identity and access', () => {
  const isolation = createTestIsolation();
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway(isolation, {
      module: (root) => {
        @Module({ imports: [root], controllers: [ProbeController] })
        class GatewayWithProbe {}
        return GatewayWithProbe as Type<unknown>;
      },
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  const login = (username: unknown, password: unknown) => gateway.call('POST', '/api/v1/auth/login', { body: { username, password } });

  describe('login', () => {
    it('gives a demo BKM a token that /me accepts, and never shows the password hash', async () => {
      const response = await login('bkm.14.03.09.1004', 'alur-demo');
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body).toMatchObject({
        tokenType: 'Bearer',
        expiresIn: 3600,
        user: {
          username: 'bkm.14.03.09.1004',
          role: 'BKM',
          regionCode: '14.03.09.1004',
          regionName: 'Balik Alam, Kec. Mandau',
          displayName: 'BKM Balik Alam',
          language: 'id',
        },
      });
      expect(body.accessToken).toEqual(expect.any(String));

      const me = await gateway.call('GET', '/api/v1/me', { token: body.accessToken });
      expect(me.status).toBe(200);
      const user = await me.json();
      expect(user).toMatchObject({ username: 'bkm.14.03.09.1004', role: 'BKM', email: 'bkm.14.03.09.1004@demo.alur.test', active: true });
      expect(JSON.stringify([body, user])).not.toMatch(/argon2|passwordHash|password_hash/);
    });

    it('accepts the username in any letter case', async () => {
      expect((await login('Camat.14.03.09', 'alur-demo')).status).toBe(200);
    });

    it('answers a wrong password and an unknown username alike: 401 with the same message', async () => {
      const wrongPassword = await login('lurah.14.03.09.1004', 'alur-demo-2');
      const unknownUser = await login('lurah.99.99.99.9999', 'alur-demo');
      expect(wrongPassword.status).toBe(401);
      expect(unknownUser.status).toBe(401);
      expect(await wrongPassword.json()).toEqual(await unknownUser.json());
    });

    it('refuses a deactivated user with the same 401, and stops their token at /me', async () => {
      const token = await gateway.tokenOf('lurah.14.03.09.1001');
      await gateway.app.get(DataSource).query(`UPDATE user_account SET active = false WHERE username = 'lurah.14.03.09.1001'`);
      const response = await login('lurah.14.03.09.1001', 'alur-demo');
      expect(response.status).toBe(401);
      expect((await response.json()).message).toBe('Invalid username or password');
      expect((await gateway.call('GET', '/api/v1/me', { token })).status).toBe(401);
    });

    it('answers 400 naming a missing field, a field of the wrong type and an unknown field', async () => {
      const missing = await gateway.call('POST', '/api/v1/auth/login', { body: { username: 'bkm.14.03.09.1004' } });
      expect(missing.status).toBe(400);
      const missingBody = await missing.json();
      expect(missingBody).toMatchObject({ statusCode: 400, message: 'Validation failed' });
      expect(new Set(missingBody.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['password']));
      expect(missingBody.errors).toContainEqual({ field: 'password', reason: 'is required', code: 'required' });

      const wrongType = await login('bkm.14.03.09.1004', 12345);
      expect((await wrongType.json()).errors).toContainEqual({
        field: 'password',
        reason: 'Invalid input: expected string, received number',
        code: 'invalid_type',
      });

      const unknown = await gateway.call('POST', '/api/v1/auth/login', {
        body: { username: 'bkm.14.03.09.1004', password: 'alur-demo', role: 'ADMIN' },
      });
      expect(unknown.status).toBe(400);
      expect((await unknown.json()).errors).toEqual([{ field: 'role', reason: 'is not a field of this request', code: 'unknown_field' }]);
    });
  });

  describe('tokens', () => {
    it('answers 401 to a request without a token or with a malformed header', async () => {
      const none = await gateway.call('GET', '/api/v1/me');
      expect(none.status).toBe(401);
      expect((await none.json()).message).toMatch(/^Login required/);
      const basic = await gateway.call('GET', '/api/v1/me', { headers: { authorization: 'Basic Ym9iOmJvYg==' } });
      expect(basic.status).toBe(401);
    });

    it('answers 401 to a tampered token, one signed with another key, one with alg "none" and an expired one', async () => {
      const token = await gateway.tokenOf('bkm.14.03.09.1004');
      const [header, payload, signature] = token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const promoted = Buffer.from(JSON.stringify({ ...claims, role: 'ADMIN', regionCode: '14.03' })).toString('base64url');
      const unsigned = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      const { sub, username, role, regionCode } = claims;
      const otherKey = await new JwtService({ secret: 'x'.repeat(40) }).signAsync({ sub, username, role, regionCode });
      const expired = await gateway.app.get(JwtService).signAsync({ sub, username, role, regionCode }, { expiresIn: -60 });

      for (const bad of [`${header}.${promoted}.${signature}`, otherKey, `${unsigned}.${payload}.`, 'not-a-token']) {
        const response = await gateway.call('GET', '/api/v1/me', { token: bad });
        expect([bad, response.status, (await response.json()).message]).toEqual([bad, 401, 'Invalid access token']);
      }
      const late = await gateway.call('GET', '/api/v1/me', { token: expired });
      expect(late.status).toBe(401);
      expect((await late.json()).message).toBe('Access token expired: log in again');
    });

    it('puts the caller into the request context that RpcClient forwards to the services', async () => {
      const response = await gateway.call('GET', '/api/v1/test-probe/actor', { token: await gateway.tokenOf('camat.14.03.09') });
      expect(await response.json()).toEqual({
        userId: expect.any(String),
        username: 'camat.14.03.09',
        role: 'CAMAT',
        regionCode: '14.03.09',
      });
    });
  });

  describe('roles', () => {
    it('answers 403 to a role a route does not name, and lets @Public() routes through without a token', async () => {
      const bkm = await gateway.tokenOf('bkm.14.03.09.1004');
      const forbidden = await gateway.call('GET', '/api/v1/test-probe/bupati-only', { token: bkm });
      expect(forbidden.status).toBe(403);
      expect((await forbidden.json()).message).toBe('Only BUPATI may do this');
      expect((await gateway.call('GET', '/api/v1/test-probe/bupati-only', { token: await gateway.tokenOf('bupati') })).status).toBe(200);
      expect((await gateway.call('GET', '/api/v1/test-probe/open')).status).toBe(200);
    });

    it('keeps the user list to administrators: 403 for a BKM, the regency’s users for the admin', async () => {
      const asBkm = await gateway.call('GET', '/api/v1/users', { token: await gateway.tokenOf('bkm.14.03.09.1004') });
      expect(asBkm.status).toBe(403);

      const admin = await gateway.tokenOf('admin');
      const all = await (await gateway.call('GET', '/api/v1/users?pageSize=1', { token: admin })).json();
      expect(all).toMatchObject({ total: USERS_IN_DEMO, page: 1, pageSize: 1 });
      expect(all.items).toHaveLength(1);
      // The second page, asked the one way and the deprecated way an older client still uses.
      const second = await (await gateway.call('GET', '/api/v1/users?page=2&pageSize=1', { token: admin })).json();
      const legacy = await (await gateway.call('GET', '/api/v1/users?limit=1&offset=1', { token: admin })).json();
      expect(second).toEqual(legacy);
      expect(second).toMatchObject({ page: 2, pageSize: 1, limit: 1, offset: 1 });
      expect(second.items[0].username).not.toBe(all.items[0].username);
      const mandau = await (await gateway.call('GET', '/api/v1/users?regionCode=14.03.09&role=CAMAT', { token: admin })).json();
      expect(mandau.items.map((u: { username: string }) => u.username)).toEqual(['camat.14.03.09']);
    });

    it('keeps the operators’ dead-letter routes to administrators', async () => {
      expect((await gateway.call('GET', '/ops/dead-letters', { token: await gateway.tokenOf('sekda') })).status).toBe(403);
      expect((await gateway.call('GET', '/ops/dead-letters', { token: await gateway.tokenOf('admin') })).status).toBe(200);
    });
  });

  describe('users', () => {
    it('lets an admin add a user whose region fits the role, who can then log in', async () => {
      const admin = await gateway.tokenOf('admin');
      const user = {
        username: 'camat.pinggir',
        password: 'pinggir-2026-aman',
        role: 'CAMAT',
        displayName: 'Camat Pinggir',
        language: 'en',
      };

      const villageForCamat = await gateway.call('POST', '/api/v1/users', { token: admin, body: { ...user, regionCode: '14.03.13.2007' } });
      expect(villageForCamat.status).toBe(400);
      expect((await villageForCamat.json()).errors).toEqual([
        { field: 'regionCode', reason: 'a CAMAT acts on a kecamatan, but 14.03.13.2007 is a kelurahan/desa', code: 'region_not_for_role' },
      ]);
      const otherRegency = await gateway.call('POST', '/api/v1/users', { token: admin, body: { ...user, regionCode: '14.01.01' } });
      expect(otherRegency.status).toBe(403);

      const created = await gateway.call('POST', '/api/v1/users', { token: admin, body: { ...user, regionCode: '14.03.13' } });
      expect(created.status).toBe(201);
      expect(await created.json()).toMatchObject({
        username: 'camat.pinggir',
        role: 'CAMAT',
        regionCode: '14.03.13',
        regionName: 'Kec. Pinggir',
        language: 'en',
      });
      expect((await login('camat.pinggir', 'pinggir-2026-aman')).status).toBe(200);

      const again = await gateway.call('POST', '/api/v1/users', { token: admin, body: { ...user, regionCode: '14.03.13' } });
      expect(again.status).toBe(409);
    });

    it('lets a user replace the password the administrator gave them, ending every earlier session', async () => {
      const username = 'lurah.14.03.09.1002';
      const [laptop, phone] = [await gateway.tokenOf(username), await gateway.tokenOf(username)];
      const change = (body: unknown, token = laptop) => gateway.call('PUT', '/api/v1/auth/password', { token, body });

      // Refused, each naming its field, and nothing changed: a wrong current password, a short or unchanged new one.
      const wrong = await change({ currentPassword: 'bukan-sandi-ini', newPassword: 'sandi-baru-lurah-2026' });
      expect(wrong.status).toBe(400);
      expect((await wrong.json()).errors).toEqual([
        { field: 'currentPassword', reason: 'is not your current password', code: 'WRONG_PASSWORD' },
      ]);
      const short = await change({ currentPassword: 'alur-demo', newPassword: 'pendek' });
      expect(short.status).toBe(400);
      expect((await short.json()).errors).toEqual([expect.objectContaining({ field: 'newPassword' })]);
      const same = await change({ currentPassword: 'alur-demo', newPassword: 'alur-demo' });
      expect(same.status).toBe(400);
      expect((await same.json()).errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'newPassword', reason: 'must differ from the current password', code: 'PASSWORD_UNCHANGED' }),
        ]),
      );
      expect(
        (await gateway.call('PUT', '/api/v1/auth/password', { body: { currentPassword: 'alur-demo', newPassword: 'x'.repeat(12) } }))
          .status,
      ).toBe(401);
      expect((await login(username, 'alur-demo')).status).toBe(200);

      const changed = await change({ currentPassword: 'alur-demo', newPassword: 'sandi-baru-lurah-2026' });
      expect(changed.status).toBe(200);
      const session = await changed.json();
      expect(session).toMatchObject({ tokenType: 'Bearer', user: { username } });
      expect(session.user).not.toHaveProperty('passwordHash');
      // The new token works; both earlier ones, on this device and the other, stop; only the new password logs in.
      expect((await gateway.call('GET', '/api/v1/me', { token: session.accessToken })).status).toBe(200);
      expect((await gateway.call('GET', '/api/v1/me', { token: laptop })).status).toBe(401);
      expect((await gateway.call('GET', '/api/v1/me', { token: phone })).status).toBe(401);
      expect((await login(username, 'alur-demo')).status).toBe(401);
      expect((await login(username, 'sandi-baru-lurah-2026')).status).toBe(200);

      // Audited, the refusal too, without either password or its hash.
      const [{ id }] = await gateway.app.get(DataSource).query(`SELECT id FROM user_account WHERE username = $1`, [username]);
      const history = await gateway.app.get(AuditTrail).history('user_account', id);
      const actions = history.map((record) => record.action);
      expect(actions).toEqual(expect.arrayContaining(['password.change-refused', 'password.changed']));
      expect(JSON.stringify(history)).not.toMatch(/alur-demo|sandi-baru|argon2/);
    });

    it('lets an admin give a user who forgot their password a new one, ending their sessions', async () => {
      const username = 'lurah.14.03.09.1003';
      const token = await gateway.tokenOf(username);
      const [{ id }] = await gateway.app.get(DataSource).query(`SELECT id FROM user_account WHERE username = $1`, [username]);
      const admin = await gateway.tokenOf('admin');
      const reset = (body: unknown) => gateway.call('PATCH', `/api/v1/users/${id}`, { token: admin, body });
      const short = await reset({ password: 'pendek' });
      expect(short.status).toBe(400);
      expect((await short.json()).errors).toEqual([expect.objectContaining({ field: 'password' })]);

      expect((await reset({ password: 'sementara-lurah-1003' })).status).toBe(200);
      expect((await gateway.call('GET', '/api/v1/me', { token })).status).toBe(401);
      expect((await login(username, 'alur-demo')).status).toBe(401);
      expect((await login(username, 'sementara-lurah-1003')).status).toBe(200);
      // Nobody else may: a Camat of the kecamatan gets 403.
      const camat = await gateway.call('PATCH', `/api/v1/users/${id}`, {
        token: await gateway.tokenOf('camat.14.03.09'),
        body: { password: 'punya-camat-2026' },
      });
      expect(camat.status).toBe(403);
    });
  });

  describe('the demo seed', () => {
    it('can run again without adding or changing anyone', async () => {
      const db = gateway.app.get(DataSource);
      const before = await db.query(
        `SELECT id, username, role, region_code FROM user_account WHERE username <> 'camat.pinggir' ORDER BY username`,
      );
      expect(await seedDemoUsers(db, RegionDirectory.shared(), gateway.app.get(OutboxService))).toEqual({ users: USERS_IN_DEMO });
      const after = await db.query(
        `SELECT id, username, role, region_code FROM user_account WHERE username <> 'camat.pinggir' ORDER BY username`,
      );
      expect(after).toEqual(before);
      expect(after).toHaveLength(USERS_IN_DEMO);
      // Every user, demo or added by the admin, is announced to the services that keep a copy.
      const [{ announced }] = await db.query(
        `SELECT count(DISTINCT aggregate_id)::int AS announced FROM outbox_event WHERE subject LIKE '%.identity.user-saved.v1'`,
      );
      expect(announced).toBe(USERS_IN_DEMO + 1);
    });

    it('runs from the command line, saying how many demo users are ready and their password, and refuses when NODE_ENV is production', async () => {
      if (!existsSync(SEED_MAIN)) throw new Error(`${SEED_MAIN} is missing: run npm run build first (npm test does)`);
      const run = (env: NodeJS.ProcessEnv) =>
        new Promise<{ code: number | null; output: string }>((resolve) => {
          const child = spawn(process.execPath, [SEED_MAIN], {
            env: { ...process.env, ...isolation.env, ...env },
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          let output = '';
          child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
          child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
          child.once('exit', (code) => resolve({ code, output }));
        });

      const seeded = await run({});
      expect(seeded.code).toBe(0);
      // One line: `npm start`, which runs it, ends with the logins to try.
      expect(seeded.output).toBe(`Demo users ready: ${USERS_IN_DEMO} in Kabupaten Bengkalis (14.03), all with the password alur-demo.\n`);

      const refused = await run({ NODE_ENV: 'production', JWT_SECRET: 's'.repeat(40) });
      expect(refused.code).toBe(1);
      expect(refused.output).toContain('Refusing to seed demo users: NODE_ENV is production');
    });
  });

  describe('the HTTP surface', () => {
    it('serves the OpenAPI description at /api/docs-json with bearer auth declared, and the docs page at /api/docs', async () => {
      const response = await gateway.call('GET', '/api/docs-json');
      expect(response.status).toBe(200);
      const document = await response.json();
      expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/me', '/api/v1/users']));
      // The login body is documented from its schema (LoginRequestSchema in @alur/contracts), inline.
      expect(document.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual([
        'username',
        'password',
      ]);
      // A request's body and answer come from its contract, the answer under the route's own success status.
      const decide = document.paths['/api/v1/approvals/{stageId}/decision'].post;
      expect(decide.requestBody.content['application/json'].schema.properties.decision.enum).toEqual(['APPROVE', 'RETURN', 'REJECT']);
      expect(decide.parameters).toContainEqual(expect.objectContaining({ name: 'stageId', in: 'path' }));
      expect(Object.keys(decide.responses)).toEqual(['200']);
      expect(decide.responses['200'].content['application/json'].schema.required).toEqual(
        expect.arrayContaining(['stage', 'nextStage', 'proposalStatus']),
      );
      const create = document.paths['/api/v1/proposals'].post;
      expect(Object.keys(create.responses)).toEqual(['201']);
      expect(create.responses['201'].content['application/json'].schema.properties).toHaveProperty('budgetTotal');
      expect(document.paths['/api/v1/approvals/inbox'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
        expect.arrayContaining(['page', 'pageSize', 'q', 'overdue']),
      );
      expect(document.security).toEqual([{ bearer: [] }]);
      // Login needs no token; /me does (it inherits the document's requirement).
      expect(document.paths['/api/v1/auth/login'].post.security).toEqual([{}]);
      expect(document.paths['/api/v1/me'].get.security).toBeUndefined();
      const page = await gateway.call('GET', '/api/docs');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('swagger');
    });

    it('sends security headers and does not announce its framework', async () => {
      const response = await gateway.call('GET', '/health');
      expect(response.status).toBe(200);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=/);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('x-powered-by')).toBeNull();
    });
  });
});
