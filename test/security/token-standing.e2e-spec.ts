import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { baseEnvSchema, jwtSecretOf, parseEnv } from '@alur/config';
import { schemaFor } from '@alur/database';
import { createTestIsolation, expectEventually, removeTestResources } from '@alur/testing';
import { accountStandingChannel } from '../../apps/gateway/src/auth/account-standing.channel';
import { RunningGateway, startGateway } from '../gateway/gateway-harness';

/** The secret that sat in the repository until wave 2: anyone could sign with it. */
const FORMER_DEV_SECRET = 'alur-development-jwt-secret-not-for-production';

describe('an access token speaks for its holder only while the account stands behind it', () => {
  const isolation = createTestIsolation();
  let gateway: RunningGateway;
  let db: DataSource;
  let jwt: JwtService;

  beforeAll(async () => {
    gateway = await startGateway(isolation);
    db = gateway.app.get(DataSource);
    jwt = gateway.app.get(JwtService);
  });

  afterAll(async () => {
    await gateway?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  const listUsers = (token: string) => gateway.call('GET', '/api/v1/users', { token });
  const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());

  it('refuses a token signed with the formerly published development secret', async () => {
    const { sub, username, role, regionCode } = claimsOf(await gateway.tokenOf('admin'));
    const forged = await new JwtService({ secret: FORMER_DEV_SECRET }).signAsync({ sub, username, role, regionCode });
    expect((await listUsers(forged)).status).toBe(401);
  });

  it('carries iss and aud, and refuses a token of the right key without them or for another audience', async () => {
    const token = await gateway.tokenOf('admin');
    expect(claimsOf(token)).toMatchObject({ iss: 'alur-gateway', aud: 'alur-api', ver: 0 });
    const { sub, username, role, regionCode, ver } = claimsOf(token);
    const bare = new JwtService({ secret: jwtSecretOf(parseEnv(baseEnvSchema, isolation.env)) });
    for (const bad of [
      await bare.signAsync({ sub, username, role, regionCode, ver }),
      await bare.signAsync({ sub, username, role, regionCode, ver }, { issuer: 'alur-gateway', audience: 'someone-else' }),
    ]) {
      expect((await listUsers(bad)).status).toBe(401);
    }
  });

  it('refuses on every route a validly signed token of an account that does not exist', async () => {
    const token = await jwt.signAsync({ sub: randomUUID(), username: 'ghost', role: 'ADMIN', regionCode: '14.03', ver: 0 });
    for (const path of ['/api/v1/users', '/api/v1/me', '/api/v1/notifications', '/api/v1/budgets']) {
      const response = await gateway.call('GET', path, { token });
      expect([path, response.status]).toEqual([path, 401]);
    }
  });

  it('ends every token of a user at logout, at once', async () => {
    const token = await gateway.tokenOf('admin');
    const other = await gateway.tokenOf('admin');
    expect((await listUsers(other)).status).toBe(200);
    expect((await gateway.call('POST', '/api/v1/auth/logout', { token })).status).toBe(204);
    expect((await listUsers(token)).status).toBe(401);
    expect((await listUsers(other)).status).toBe(401);
    const fresh = await gateway.tokenOf('admin');
    expect((await listUsers(fresh)).status).toBe(200);
  });

  it('refuses within seconds the token of an account deactivated, or moved to another role or region, elsewhere', async () => {
    const admin = await gateway.tokenOf('admin');
    const people = [
      ['lurah.14.03.09.1004', `UPDATE user_account SET active = false WHERE username = $1`],
      ['camat.14.03.09', `UPDATE user_account SET region_code = '14.03.01' WHERE username = $1`],
      ['sekda', `UPDATE user_account SET role = 'ADMIN' WHERE username = $1`],
    ] as const;
    for (const [username, change] of people) {
      const token = await gateway.tokenOf(username);
      expect((await gateway.call('GET', '/api/v1/me', { token })).status).toBe(200);
      // Another gateway replica (or an operator) changes the account: this one learns of it by itself.
      await db.query(change, [username]);
      await expectEventually(async () => expect((await gateway.call('GET', '/api/v1/me', { token })).status).toBe(401), {
        timeoutMs: 10_000,
      });
    }
    expect((await listUsers(admin)).status).toBe(200);
  });

  it('hears of a change made elsewhere, rather than believing the account for the ten minutes it would without NOTIFY', async () => {
    // The gateway LISTENs for changes of accounts: from then on it believes a looked-up account for
    // ACCOUNT_STANDING_HEARD_TTL_MS (10 min), and only the trigger's NOTIFY makes it look again.
    const channel = accountStandingChannel(schemaFor(parseEnv(baseEnvSchema, isolation.env), 'gateway'));
    await expectEventually(async () => {
      const listening = await db.query(`SELECT 1 FROM pg_stat_activity WHERE state = 'idle' AND query = $1`, [`LISTEN "${channel}"`]);
      expect(listening).toHaveLength(1);
    });
    // GET /users answers from the token's standing alone (unlike /me, which reads the account itself).
    const token = await gateway.tokenOf('admin');
    expect((await listUsers(token)).status).toBe(200);
    await db.query(`UPDATE user_account SET active = false WHERE username = 'admin'`);
    try {
      // However slowly the notification comes on a busy machine, it is the only way to a 401 within the test.
      await expectEventually(async () => expect((await listUsers(token)).status).toBe(401), { timeoutMs: 30_000 });
    } finally {
      await db.query(`UPDATE user_account SET active = true WHERE username = 'admin'`);
    }
  });
});
