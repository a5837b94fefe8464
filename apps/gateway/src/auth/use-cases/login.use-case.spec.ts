import { HttpException, UnauthorizedException } from '@nestjs/common';
import { BaseEnv } from '@alur/config';
import { Transactions } from '@alur/database';
import { RegionDirectory } from '@alur/regions';
import { as, InMemoryTransactions } from '@alur/testing';
import { SecurityAudit } from '../../audit/security-audit.service';
import { instantHasher } from '../../testing/fakes';
import { InMemoryUserAccounts } from '../../testing/in-memory-repositories';
import { AccessTokens } from '../access-tokens.service';
import { LoginThrottle } from '../login-throttle.service';
import { PasswordHasher } from '../password-hasher.service';
import { LoginUseCase } from './login.use-case';

// Login's rules against an in-memory user store, a fake throttle and a fake token issuer: the same
// answer for every failure, each failure counted and audited. Redis, argon2 and JWTs are the
// end-to-end tests' (test/gateway/auth.e2e-spec.ts, test/security/login-throttle.e2e-spec.ts).

const ADDRESS = '203.0.113.7';

function setUp() {
  const users = new InMemoryUserAccounts();
  const throttle = {
    admit: jest.fn(async () => undefined),
    failed: jest.fn(async () => undefined),
    succeeded: jest.fn(async () => undefined),
  };
  const audit = { record: jest.fn(async () => undefined) };
  const tokens = { issue: jest.fn(async () => 'signed-token') };
  const hasher = { ...instantHasher, verifyDecoy: jest.fn(async (): Promise<false> => false) };
  const useCase = new LoginUseCase(
    as<Transactions>(new InMemoryTransactions()),
    users,
    as<PasswordHasher>(hasher),
    as<AccessTokens>(tokens),
    RegionDirectory.shared(),
    as<BaseEnv>({ JWT_TTL_SECONDS: 900 }),
    as<LoginThrottle>(throttle),
    as<SecurityAudit>(audit),
  );
  const bkm = users.given({ username: 'bkm.14.03.09.1004', role: 'BKM', regionCode: '14.03.09.1004', tokenVersion: 3 });
  return { useCase, users, throttle, audit, tokens, hasher, bkm };
}

describe('logging in', () => {
  it('gives a token naming the account and its token version, in any letter case, and clears the failures', async () => {
    const { useCase, throttle, audit, tokens, bkm } = setUp();

    const result = await useCase.execute('  BKM.14.03.09.1004 ', 'alur-demo', ADDRESS);

    expect(result).toMatchObject({ accessToken: 'signed-token', tokenType: 'Bearer', expiresIn: 900, user: { id: bkm.id, role: 'BKM' } });
    expect(result.user).not.toHaveProperty('passwordHash');
    expect(tokens.issue).toHaveBeenCalledWith({ sub: bkm.id, username: bkm.username, role: 'BKM', regionCode: '14.03.09.1004', ver: 3 });
    expect(throttle.admit).toHaveBeenCalledWith('bkm.14.03.09.1004', ADDRESS);
    expect(throttle.succeeded).toHaveBeenCalledWith('bkm.14.03.09.1004', ADDRESS);
    expect(throttle.failed).not.toHaveBeenCalled();
    expect(audit.record).toHaveBeenCalledWith({
      actor: { userId: bkm.id, username: bkm.username, role: 'BKM', regionCode: '14.03.09.1004' },
      action: 'login.succeeded',
      entityType: 'user_account',
      entityId: bkm.id,
      after: { address: ADDRESS },
    });
  });

  it.each([
    ['a wrong password', 'bkm.14.03.09.1004', 'salah', 'wrong-password'],
    ['an unknown username', 'bkm.tidak.ada', 'alur-demo', 'unknown-user'],
  ])('answers %s with the one 401, counts the failure and audits its reason', async (_case, username, password, reason) => {
    const { useCase, throttle, audit, tokens, hasher, bkm } = setUp();

    const login = useCase.execute(username, password, ADDRESS);

    await expect(login).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(login).rejects.toThrow('Invalid username or password');
    expect(throttle.failed).toHaveBeenCalledWith(username, ADDRESS);
    expect(throttle.succeeded).not.toHaveBeenCalled();
    expect(tokens.issue).not.toHaveBeenCalled();
    expect(audit.record).toHaveBeenCalledWith({
      actor: null,
      action: 'login.failed',
      entityType: 'user_account',
      entityId: reason === 'unknown-user' ? username : bkm.id,
      after: { username, address: ADDRESS, reason },
    });
    // An unknown user costs a verification too, so that the timing does not tell them apart.
    expect(hasher.verifyDecoy).toHaveBeenCalledTimes(reason === 'unknown-user' ? 1 : 0);
  });

  it('refuses a deactivated account with the right password alike, auditing it as inactive', async () => {
    const { useCase, users, throttle, audit, tokens, bkm } = setUp();
    users.rows.find((u) => u.id === bkm.id)!.active = false;

    await expect(useCase.execute(bkm.username, 'alur-demo', ADDRESS)).rejects.toThrow(
      new UnauthorizedException('Invalid username or password'),
    );

    expect(throttle.failed).toHaveBeenCalledWith(bkm.username, ADDRESS);
    expect(tokens.issue).not.toHaveBeenCalled();
    expect(audit.record).toHaveBeenCalledWith(
      expect.objectContaining({ action: 'login.failed', after: expect.objectContaining({ reason: 'inactive' }) }),
    );
  });

  it('does not even check the password of an attempt the throttle holds back (429), and counts nothing more', async () => {
    const { useCase, throttle, audit, tokens, bkm } = setUp();
    const held = new HttpException(
      { statusCode: 429, message: 'Too many failed logins: wait 8 seconds and try again', retryAfterSeconds: 8 },
      429,
    );
    throttle.admit.mockRejectedValueOnce(held);

    await expect(useCase.execute(bkm.username, 'alur-demo', ADDRESS)).rejects.toBe(held);

    expect(throttle.failed).not.toHaveBeenCalled();
    expect(tokens.issue).not.toHaveBeenCalled();
    expect(audit.record).not.toHaveBeenCalled();
  });
});
