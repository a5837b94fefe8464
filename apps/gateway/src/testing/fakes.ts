import { Actor } from '@alur/contracts';

/** A fake stands in for the whole collaborator: the code under test only calls what it fakes, and a missing method fails loudly. */
export const as = <T>(fake: Partial<T>) => fake as T;

/** Bengkalis's administrator, as the demo seeds it. */
export const BENGKALIS_ADMIN: Actor = { userId: 'u-admin', username: 'admin', role: 'ADMIN', regionCode: '14.03' };

/** A password hasher that runs in no time: the hash of `p` is `hash:p`. */
export const instantHasher = {
  hash: async (password: string) => `hash:${password}`,
  verify: async (hash: string, password: string) => hash === `hash:${password}`,
  verifyDecoy: async (): Promise<false> => false,
};
