import { createSecretKey } from 'node:crypto';
import { UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AccessTokenClaims } from './access-token-claims';
import { AccessTokens, VERIFIED_TOKENS_KEPT } from './access-tokens.service';
import { AccountStanding } from './account-standing.service';

describe('AccessTokens', () => {
  const issuer = { issuer: 'alur-gateway', audience: 'alur-api' };
  const jwt = new JwtService({
    secret: createSecretKey(Buffer.from('a-test-secret-of-thirty-two-bytes!')),
    signOptions: { algorithm: 'HS256', expiresIn: 60, ...issuer },
    verifyOptions: { algorithms: ['HS256'], ...issuer },
  });
  const camat: AccessTokenClaims = { sub: 'u-camat', username: 'camat.tualang', role: 'CAMAT', regionCode: '14.03.09', ver: 0 };
  let honours: jest.Mock<Promise<boolean>, [AccessTokenClaims]>;
  let tokens: AccessTokens;
  let verifications: jest.SpyInstance;

  beforeEach(() => {
    honours = jest.fn<Promise<boolean>, [AccessTokenClaims]>(async () => true);
    tokens = new AccessTokens(jwt, { honours } as unknown as AccountStanding);
    verifications = jest.spyOn(jwt, 'verifyAsync');
  });
  afterEach(() => jest.restoreAllMocks());

  it('checks a token’s signature once and asks about the account on every request', async () => {
    const token = await tokens.issue(camat);
    for (let i = 0; i < 3; i++)
      expect(await tokens.actorOf(token)).toEqual({ userId: 'u-camat', username: 'camat.tualang', role: 'CAMAT', regionCode: '14.03.09' });
    expect(verifications).toHaveBeenCalledTimes(1);
    expect(honours).toHaveBeenCalledTimes(3);

    honours.mockResolvedValue(false);
    await expect(tokens.claimsOf(token)).rejects.toThrow(/no longer active/);
  });

  it('refuses a token it knew once it has expired, saying so', async () => {
    const token = await tokens.issue(camat);
    await tokens.claimsOf(token);
    const { exp } = jwt.decode<{ exp: number }>(token);
    jest.spyOn(Date, 'now').mockReturnValue(exp * 1000);
    await expect(tokens.claimsOf(token)).rejects.toThrow('Access token expired: log in again');
  });

  it('refuses a token whose signature does not match, even one alike to a token it knows', async () => {
    const token = await tokens.issue(camat);
    await tokens.claimsOf(token);
    const [header, , signature] = token.split('.');
    const bupati = Buffer.from(JSON.stringify({ ...jwt.decode(token), role: 'BUPATI' })).toString('base64url');
    const forged = `${header}.${bupati}.${signature}`;
    await expect(tokens.claimsOf(forged)).rejects.toThrow(UnauthorizedException);
    await expect(tokens.claimsOf(forged)).rejects.toThrow('Invalid access token');
  });

  it(`keeps at most ${VERIFIED_TOKENS_KEPT} tokens, letting the oldest go first`, async () => {
    const first = await tokens.issue(camat);
    await tokens.claimsOf(first);
    for (let i = 1; i < VERIFIED_TOKENS_KEPT; i++) await tokens.claimsOf(await tokens.issue({ ...camat, sub: `u-${i}` }));
    await tokens.claimsOf(first);
    expect(verifications).toHaveBeenCalledTimes(VERIFIED_TOKENS_KEPT);

    await tokens.claimsOf(await tokens.issue({ ...camat, sub: 'u-one-more' }));
    await tokens.claimsOf(first);
    expect(verifications).toHaveBeenCalledTimes(VERIFIED_TOKENS_KEPT + 2);
  });
});
