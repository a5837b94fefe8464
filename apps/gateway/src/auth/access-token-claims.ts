import { z } from 'zod';
import { ROLES } from '@alur/contracts';

/** What an access token says about its holder; checked on every request after the signature. */
export const AccessTokenClaimsSchema = z.object({
  sub: z.string().min(1),
  username: z.string().min(1),
  role: z.enum(ROLES),
  regionCode: z.string().min(1),
  /** The holder's token version when it was issued (see UserAccount.tokenVersion). */
  ver: z.number().int().min(0),
});
export type AccessTokenClaims = z.infer<typeof AccessTokenClaimsSchema>;
