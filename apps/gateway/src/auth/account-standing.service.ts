import { Injectable } from '@nestjs/common';
import { Transactions } from '@alur/database';
import { TokenStanding } from '../users/domain/user-account';
import { UserAccountRepository } from '../users/user-account.repository';
import { AccessTokenClaims } from './access-token-claims';
import { standsBehind } from './domain/token-standing.policy';

/** How long a looked-up account is believed: logout, deactivation or a new role reach every replica within this. */
export const ACCOUNT_STANDING_TTL_MS = 3000;

/**
 * Whether a validly signed access token still speaks for its holder: the account exists, is active,
 * has the role and region the token names, and has not logged out since (token version). Looked up
 * at most once per account every few seconds, so that a request costs no query most of the time.
 */
@Injectable()
export class AccountStanding {
  private readonly cache = new Map<string, { standing: TokenStanding | null; until: number }>();

  constructor(
    private readonly transactions: Transactions,
    private readonly users: UserAccountRepository,
  ) {}

  async honours(claims: AccessTokenClaims): Promise<boolean> {
    return standsBehind(await this.standingOf(claims.sub), claims);
  }

  /** Forgets what this gateway knew of the account, after a change made here. */
  forget(userId: string): void {
    this.cache.delete(userId);
  }

  private async standingOf(userId: string): Promise<TokenStanding | null> {
    const now = Date.now();
    const cached = this.cache.get(userId);
    if (cached && cached.until > now) return cached.standing;
    const standing = (await this.users.tokenStandingOf(this.transactions.manager, userId)) ?? null;
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(userId, { standing, until: now + ACCOUNT_STANDING_TTL_MS });
    return standing;
  }
}
