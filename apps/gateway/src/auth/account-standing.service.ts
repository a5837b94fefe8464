import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_ENV, BaseEnv } from '@alur/config';
import { PgListener, schemaFor, Transactions } from '@alur/database';
import { TokenStanding } from '../users/domain/user-account';
import { UserAccountRepository } from '../users/user-account.repository';
import { AccessTokenClaims } from './access-token-claims';
import { standsBehind } from './domain/token-standing.policy';
import { accountStandingChannel } from './account-standing.channel';

/** How long a looked-up account is believed while the change notifications cannot be heard. */
export const ACCOUNT_STANDING_TTL_MS = 3000;
/** How long while they can: every change of the account is heard at once, this only bounds the memory of an idle one. */
export const ACCOUNT_STANDING_HEARD_TTL_MS = 10 * 60 * 1000;

/**
 * Whether a validly signed access token still speaks for its holder: the account exists, is active,
 * has the role and region the token names, and has not logged out since (token version).
 *
 * Looked up once and then believed: a trigger on user_account NOTIFYs every replica of the gateway of
 * each committed change of an account's standing, whoever made it (a replica, an operator's SQL), and
 * each forgets that account. While the LISTEN connection is down, an account is believed only for a
 * few seconds, and everything believed is forgotten when it goes down.
 */
@Injectable()
export class AccountStanding implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly cache = new Map<string, { standing: TokenStanding | null; until: number }>();
  private readonly changes: PgListener;
  /** Counts what was forgotten: a lookup that overlapped a change does not keep its answer. */
  private forgotten = 0;

  constructor(
    private readonly transactions: Transactions,
    private readonly users: UserAccountRepository,
    @Inject(APP_ENV) env: BaseEnv,
  ) {
    const schema = schemaFor(env, 'gateway');
    this.changes = new PgListener({
      url: env.DATABASE_URL,
      channel: accountStandingChannel(schema),
      applicationName: `alur-accounts-${schema}`,
      notified: (userId) => this.forget(userId),
      lost: () => this.forgetAll(),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.changes.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.changes.stop();
  }

  async honours(claims: AccessTokenClaims): Promise<boolean> {
    return standsBehind(await this.standingOf(claims.sub), claims);
  }

  /** Forgets what this gateway knew of the account, after a change made here (the NOTIFY follows). */
  forget(userId: string): void {
    this.forgotten++;
    this.cache.delete(userId);
  }

  private forgetAll(): void {
    this.forgotten++;
    this.cache.clear();
  }

  private async standingOf(userId: string): Promise<TokenStanding | null> {
    const now = Date.now();
    const cached = this.cache.get(userId);
    if (cached && cached.until > now) return cached.standing;
    const forgottenBefore = this.forgotten;
    const heard = this.changes.listening;
    const standing = (await this.users.tokenStandingOf(this.transactions.manager, userId)) ?? null;
    if (this.forgotten !== forgottenBefore) return standing;
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(userId, { standing, until: now + (heard ? ACCOUNT_STANDING_HEARD_TTL_MS : ACCOUNT_STANDING_TTL_MS) });
    return standing;
  }
}
