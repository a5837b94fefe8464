import { RegionDirectory } from '@alur/regions';
import { Injectable } from '@nestjs/common';
import { Actor, type ChangePasswordRequest, InvalidInputError, type LoginResult, NotFoundError, RefusalCode } from '@alur/contracts';
import { BaseEnv, InjectEnv } from '@alur/config';
import { Transactions } from '@alur/database';
import { SecurityAudit } from '../../audit/security-audit.service';
import { UserAccountRepository } from '../../users/user-account.repository';
import { AccessTokens } from '../access-tokens.service';
import { AccountStanding } from '../account-standing.service';
import { LoginThrottle } from '../login-throttle.service';
import { PasswordHasher } from '../password-hasher.service';
import { sessionOf } from '../session-of';

/**
 * The logged-in user replaces their password. The current one must be given, and wrong guesses count as
 * failed logins of that username (someone holding an open session cannot guess their way to the account).
 * Every token issued before stops working, on every device; this device gets a new one. Audited, without
 * either password or hash.
 */
@Injectable()
export class ChangePasswordUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly users: UserAccountRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: AccessTokens,
    private readonly regions: RegionDirectory,
    private readonly throttle: LoginThrottle,
    private readonly standing: AccountStanding,
    private readonly audit: SecurityAudit,
    @InjectEnv() private readonly env: BaseEnv,
  ) {}

  async execute(actor: Actor, change: ChangePasswordRequest, address: string): Promise<LoginResult> {
    await this.throttle.admit(actor.username, address);
    const account = await this.users.find(this.transactions.manager, actor.userId);
    if (!account?.active) throw new NotFoundError('This account is no longer active');
    if (!(await this.hasher.verify(account.passwordHash, change.currentPassword))) {
      await this.throttle.failed(actor.username, address);
      await this.audit.record({ actor, action: 'password.change-refused', entityType: 'user_account', entityId: actor.userId });
      throw new InvalidInputError([{ field: 'currentPassword', reason: 'is not your current password', code: RefusalCode.WrongPassword }]);
    }
    await this.throttle.succeeded(actor.username, address);
    const passwordHash = await this.hasher.hash(change.newPassword);
    const user = await this.transactions.run(async (tx) => {
      const changed = await this.users.changePassword(tx, actor.userId, passwordHash);
      await this.audit.record({ actor, action: 'password.changed', entityType: 'user_account', entityId: actor.userId }, tx);
      return changed;
    });
    this.standing.forget(user.id);
    return sessionOf(this.tokens, this.regions, user, this.env.JWT_TTL_SECONDS);
  }
}
