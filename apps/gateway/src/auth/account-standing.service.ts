import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { AccessTokenClaims } from './access-token-claims';

/** How long a looked-up account is believed: logout, deactivation or a new role reach every replica within this. */
export const ACCOUNT_STANDING_TTL_MS = 3000;

type Standing = Pick<UserEntity, 'active' | 'role' | 'regionCode' | 'tokenVersion'>;

/**
 * Whether a validly signed access token still speaks for its holder: the account exists, is active,
 * has the role and region the token names, and has not logged out since (token version). Looked up
 * at most once per account every few seconds, so that a request costs no query most of the time.
 */
@Injectable()
export class AccountStanding {
  private readonly cache = new Map<string, { standing: Standing | null; until: number }>();

  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  async honours(claims: AccessTokenClaims): Promise<boolean> {
    const standing = await this.standingOf(claims.sub);
    return (
      standing !== null &&
      standing.active &&
      standing.role === claims.role &&
      standing.regionCode === claims.regionCode &&
      standing.tokenVersion === claims.ver
    );
  }

  /** Forgets what this gateway knew of the account, after a change made here. */
  forget(userId: string): void {
    this.cache.delete(userId);
  }

  private async standingOf(userId: string): Promise<Standing | null> {
    const now = Date.now();
    const cached = this.cache.get(userId);
    if (cached && cached.until > now) return cached.standing;
    const user = await this.users.findOne({
      where: { id: userId },
      select: { id: true, active: true, role: true, regionCode: true, tokenVersion: true },
    });
    const standing = user ? { active: user.active, role: user.role, regionCode: user.regionCode, tokenVersion: user.tokenVersion } : null;
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(userId, { standing, until: now + ACCOUNT_STANDING_TTL_MS });
    return standing;
  }
}
