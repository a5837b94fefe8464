import type { LoginResult } from '@alur/contracts';
import type { RegionDirectory } from '@alur/regions';
import { UserAccount } from '../users/domain/user-account';
import { userViewOf } from '../users/user-view';
import { AccessTokenClaims } from './access-token-claims';
import { AccessTokens } from './access-tokens.service';

/** What a login answers: a fresh access token naming the account as it stands now (its token version too), and the account. */
export async function sessionOf(
  tokens: AccessTokens,
  regions: RegionDirectory,
  user: UserAccount,
  expiresInSeconds: number,
): Promise<LoginResult> {
  const claims: AccessTokenClaims = {
    sub: user.id,
    username: user.username,
    role: user.role,
    regionCode: user.regionCode,
    ver: user.tokenVersion,
  };
  return { accessToken: await tokens.issue(claims), tokenType: 'Bearer', expiresIn: expiresInSeconds, user: userViewOf(user, regions) };
}
