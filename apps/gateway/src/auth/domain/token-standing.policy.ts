import type { AccessTokenClaims } from '../access-token-claims';
import type { TokenStanding } from '../../users/domain/user-account';

/**
 * Whether an account (null: it does not exist) still stands behind a token's claims: it is active,
 * has the role and region the token names, and has not logged out since the token was issued.
 */
export function standsBehind(standing: TokenStanding | null, claims: AccessTokenClaims): boolean {
  return (
    standing !== null &&
    standing.active &&
    standing.role === claims.role &&
    standing.regionCode === claims.regionCode &&
    standing.tokenVersion === claims.ver
  );
}
