import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Actor } from '@alur/contracts';
import { AccessTokenClaims, AccessTokenClaimsSchema } from './access-token-claims';
import { AccountStanding } from './account-standing.service';

/** Issues access tokens, and turns one back into its holder only while the account still stands behind it. */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly standing: AccountStanding,
  ) {}

  issue(claims: AccessTokenClaims): Promise<string> {
    return this.jwt.signAsync(claims);
  }

  /** The token's claims, once signature, algorithm, issuer, audience, expiry and account are checked; 401 otherwise. */
  async claimsOf(token: string): Promise<AccessTokenClaims> {
    let payload: unknown;
    try {
      payload = await this.jwt.verifyAsync(token);
    } catch (error) {
      const expired = (error as Error).name === 'TokenExpiredError';
      throw new UnauthorizedException(expired ? 'Access token expired: log in again' : 'Invalid access token');
    }
    const claims = AccessTokenClaimsSchema.safeParse(payload);
    if (!claims.success) throw new UnauthorizedException('Invalid access token');
    if (!(await this.standing.honours(claims.data))) {
      throw new UnauthorizedException('This account is no longer active, or has logged out or changed: log in again');
    }
    return claims.data;
  }

  async actorOf(token: string): Promise<Actor> {
    const { sub, username, role, regionCode } = await this.claimsOf(token);
    return { userId: sub, username, role, regionCode };
  }
}
