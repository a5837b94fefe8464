import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Actor } from '@alur/contracts';
import { AccessTokenClaims, AccessTokenClaimsSchema } from './access-token-claims';
import { AccountStanding } from './account-standing.service';

/**
 * How many tokens are kept with their verified claims. An official's console sends the same token with
 * every request; checking its signature each time was 6% of the gateway's CPU answering `/me` (a profile
 * of bench:requests).
 */
export const VERIFIED_TOKENS_KEPT = 2_000;

/** Issues access tokens, and turns one back into its holder only while the account still stands behind it. */
@Injectable()
export class AccessTokens {
  /** Claims by the exact token text whose signature was checked, oldest first; `exp` in epoch seconds. */
  private readonly verified = new Map<string, { claims: AccessTokenClaims; exp: number }>();

  constructor(
    private readonly jwt: JwtService,
    private readonly standing: AccountStanding,
  ) {}

  issue(claims: AccessTokenClaims): Promise<string> {
    return this.jwt.signAsync(claims);
  }

  /** The token's claims, once signature, algorithm, issuer, audience, expiry and account are checked; 401 otherwise. */
  async claimsOf(token: string): Promise<AccessTokenClaims> {
    const claims = this.stillValid(token) ?? (await this.verify(token));
    // The account is asked about on every request: a logout or a change ends every token at once.
    if (!(await this.standing.honours(claims))) {
      throw new UnauthorizedException('This account is no longer active, or has logged out or changed: log in again');
    }
    return claims;
  }

  async actorOf(token: string): Promise<Actor> {
    const { sub, username, role, regionCode } = await this.claimsOf(token);
    return { userId: sub, username, role, regionCode };
  }

  /** The claims of a token verified before, while it has not expired (as jsonwebtoken counts: whole seconds, expired at `exp`). */
  private stillValid(token: string): AccessTokenClaims | undefined {
    const known = this.verified.get(token);
    if (!known) return undefined;
    if (Math.floor(Date.now() / 1000) < known.exp) return known.claims;
    // Verified again, it is refused as expired, with that reason.
    this.verified.delete(token);
    return undefined;
  }

  private async verify(token: string): Promise<AccessTokenClaims> {
    let payload: unknown;
    try {
      payload = await this.jwt.verifyAsync(token);
    } catch (error) {
      const expired = (error as Error).name === 'TokenExpiredError';
      throw new UnauthorizedException(expired ? 'Access token expired: log in again' : 'Invalid access token');
    }
    const claims = AccessTokenClaimsSchema.safeParse(payload);
    if (!claims.success) throw new UnauthorizedException('Invalid access token');
    const exp = (payload as { exp?: unknown }).exp;
    if (typeof exp === 'number') {
      if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, { claims: claims.data, exp });
    }
    return claims.data;
  }
}
