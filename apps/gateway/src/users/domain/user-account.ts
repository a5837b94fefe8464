import type { Role, UserLanguage } from '@alur/contracts';

/** A person who logs in to Alur, with the one role and region their authority is scoped to. */
export interface UserAccount {
  id: string;
  /** Stored in lower case; login compares in lower case too. */
  username: string;
  /** argon2id, in the PHC string format that carries its own salt and parameters. */
  passwordHash: string;
  role: Role;
  /** Kemendagri code of the village, kecamatan or kabupaten the role acts on. */
  regionCode: string;
  displayName: string;
  language: UserLanguage;
  email: string | null;
  phone: string | null;
  active: boolean;
  /** Raised by logout: access tokens carry the version they were issued under and die with it. */
  tokenVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A user about to be added: what the database does not give (id, token version, times). */
export type NewUserAccount = Pick<
  UserAccount,
  'username' | 'passwordHash' | 'role' | 'regionCode' | 'displayName' | 'language' | 'email' | 'phone' | 'active'
>;

/** What an administrator may change of an account. */
export type UserStanding = Pick<UserAccount, 'role' | 'regionCode' | 'active'>;

/** What decides whether an access token still speaks for its holder. */
export type TokenStanding = Pick<UserAccount, 'active' | 'role' | 'regionCode' | 'tokenVersion'>;

export const standingOf = (user: UserStanding): UserStanding => ({ role: user.role, regionCode: user.regionCode, active: user.active });
