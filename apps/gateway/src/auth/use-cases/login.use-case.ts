import { RegionDirectory } from '@alur/regions';
import { Injectable, UnauthorizedException } from '@nestjs/common';
import { BaseEnv, InjectEnv } from '@alur/config';
import type { LoginResult } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { SecurityAudit } from '../../audit/security-audit.service';
import { UserAccountRepository } from '../../users/user-account.repository';
import { AccessTokens } from '../access-tokens.service';
import { LoginThrottle } from '../login-throttle.service';
import { PasswordHasher } from '../password-hasher.service';
import { sessionOf } from '../session-of';

/** One answer for every failure, so that a caller cannot learn which usernames exist. */
const LOGIN_FAILED = 'Invalid username or password';

@Injectable()
export class LoginUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly users: UserAccountRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: AccessTokens,
    private readonly regions: RegionDirectory,
    @InjectEnv() private readonly env: BaseEnv,
    private readonly throttle: LoginThrottle,
    private readonly audit: SecurityAudit,
  ) {}

  async execute(typed: string, password: string, address: string): Promise<LoginResult> {
    const username = typed.trim().toLowerCase();
    await this.throttle.admit(username, address);
    const user = await this.users.findByUsername(this.transactions.manager, username);
    // An unknown user costs one argon2 verification too: the timing does not tell them apart.
    const passwordMatches = user ? await this.hasher.verify(user.passwordHash, password) : await this.hasher.verifyDecoy(password);
    if (!user || !passwordMatches || !user.active) {
      await this.throttle.failed(username, address);
      const reason = !user ? 'unknown-user' : !passwordMatches ? 'wrong-password' : 'inactive';
      await this.audit.record({
        actor: null,
        action: 'login.failed',
        entityType: 'user_account',
        entityId: user?.id ?? username,
        after: { username, address, reason },
      });
      throw new UnauthorizedException(LOGIN_FAILED);
    }
    await this.throttle.succeeded(username, address);
    await this.audit.record({
      actor: { userId: user.id, username: user.username, role: user.role, regionCode: user.regionCode },
      action: 'login.succeeded',
      entityType: 'user_account',
      entityId: user.id,
      after: { address },
    });

    return sessionOf(this.tokens, this.regions, user, this.env.JWT_TTL_SECONDS);
  }
}
