import { Actor } from '@alur/contracts';

/** Bengkalis's administrator, as the demo seeds it (user ids are UUIDs, as the events about users require). */
export const BENGKALIS_ADMIN: Actor = {
  userId: '00000000-0000-4000-8000-00000000ad01',
  username: 'admin',
  role: 'ADMIN',
  regionCode: '14.03',
};

/** A password hasher that runs in no time: the hash of `p` is `hash:p`. */
export const instantHasher = {
  hash: async (password: string) => `hash:${password}`,
  verify: async (hash: string, password: string) => hash === `hash:${password}`,
  verifyDecoy: async (): Promise<false> => false,
};
