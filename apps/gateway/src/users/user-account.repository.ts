import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { ROLES, USER_LANGUAGES, type Role, type Slice } from '@alur/contracts';
import { containsPattern, escapeLike, queryRows, updateRows } from '@alur/database';
import { NewUserAccount, TokenStanding, UserAccount, UserStanding } from './domain/user-account';

/** A `user_account` row, checked, as a UserAccount. */
export const UserAccountRow = z
  .object({
    id: z.string(),
    username: z.string(),
    password_hash: z.string(),
    role: z.enum(ROLES),
    region_code: z.string(),
    display_name: z.string(),
    language: z.enum(USER_LANGUAGES),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    active: z.boolean(),
    token_version: z.number().int(),
    created_at: z.date(),
    updated_at: z.date(),
  })
  .transform((row): UserAccount => ({
    id: row.id,
    username: row.username,
    passwordHash: row.password_hash,
    role: row.role,
    regionCode: row.region_code,
    displayName: row.display_name,
    language: row.language,
    email: row.email,
    phone: row.phone,
    active: row.active,
    tokenVersion: row.token_version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));

const TokenStandingRow = z
  .object({ active: z.boolean(), role: z.enum(ROLES), region_code: z.string(), token_version: z.number().int() })
  .transform((row): TokenStanding => ({
    active: row.active,
    role: row.role,
    regionCode: row.region_code,
    tokenVersion: row.token_version,
  }));

const DisplayNameRow = z.object({ id: z.string(), display_name: z.string() });
const CountRow = z.object({ total: z.number().int() });

/** Which users a list shows: within every one of `within` (a region and those nested in it), of a role, matching a text. */
export interface UserFilter {
  within: readonly string[];
  role?: Role;
  /** Found in the username or the display name, taken literally. */
  text?: string;
}

const COLUMNS = 'username, password_hash, role, region_code, display_name, language, email, phone, active';

/** The gateway's user accounts (user_account): who may log in, with which role and over which region. */
@Injectable()
export class UserAccountRepository {
  async find(db: EntityManager, id: string): Promise<UserAccount | undefined> {
    const [user] = await queryRows(db, UserAccountRow, 'SELECT * FROM user_account WHERE id = $1', [id]);
    return user;
  }

  /** One account, row-locked (FOR UPDATE) until the transaction ends. */
  async lock(tx: EntityManager, id: string): Promise<UserAccount | undefined> {
    const [user] = await queryRows(tx, UserAccountRow, 'SELECT * FROM user_account WHERE id = $1 FOR UPDATE', [id]);
    return user;
  }

  /** By username, as stored (lower case). */
  async findByUsername(db: EntityManager, username: string): Promise<UserAccount | undefined> {
    const [user] = await queryRows(db, UserAccountRow, 'SELECT * FROM user_account WHERE username = $1', [username]);
    return user;
  }

  async findActiveByUsername(db: EntityManager, username: string): Promise<UserAccount | undefined> {
    const [user] = await queryRows(db, UserAccountRow, 'SELECT * FROM user_account WHERE username = $1 AND active', [username]);
    return user;
  }

  async tokenStandingOf(db: EntityManager, id: string): Promise<TokenStanding | undefined> {
    const [standing] = await queryRows(
      db,
      TokenStandingRow,
      'SELECT active, role, region_code, token_version FROM user_account WHERE id = $1',
      [id],
    );
    return standing;
  }

  /** The display names of these users, by id; those unknown are left out. */
  async displayNamesOf(db: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
    const rows = await queryRows(db, DisplayNameRow, 'SELECT id, display_name FROM user_account WHERE id = ANY($1::uuid[])', [ids]);
    return new Map(rows.map((row) => [row.id, row.display_name]));
  }

  /** One page of the users matching `filter`, by username, and how many match in all. */
  async list(db: EntityManager, filter: UserFilter, page: Slice): Promise<{ users: UserAccount[]; total: number }> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    // Kemendagri codes nest, so "within" is the code itself or a code prefix.
    for (const region of filter.within) {
      conditions.push(`(region_code = ${param(region)} OR region_code LIKE ${param(`${escapeLike(region)}.%`)})`);
    }
    if (filter.role) conditions.push(`role = ${param(filter.role)}`);
    if (filter.text) {
      const pattern = param(containsPattern(filter.text));
      conditions.push(`(username ILIKE ${pattern} OR display_name ILIKE ${pattern})`);
    }
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const count = queryRows(db, CountRow, `SELECT count(*)::int AS total FROM user_account ${where}`, [...params]);
    const users = queryRows(
      db,
      UserAccountRow,
      `SELECT * FROM user_account ${where} ORDER BY username LIMIT ${param(page.limit)} OFFSET ${param(page.offset)}`,
      params,
    );
    const [[{ total }], found] = await Promise.all([count, users]);
    return { users: found, total };
  }

  /** Adds the user, or nothing and undefined when the username is taken (also by a transaction committing meanwhile). */
  async add(tx: EntityManager, user: NewUserAccount): Promise<UserAccount | undefined> {
    const [added] = await queryRows(
      tx,
      UserAccountRow,
      `INSERT INTO user_account (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (username) DO NOTHING RETURNING *`,
      [user.username, user.passwordHash, user.role, user.regionCode, user.displayName, user.language, user.email, user.phone, user.active],
    );
    return added;
  }

  /**
   * Adds the users, or brings those whose username exists back to these values (password, role,
   * region, name, email, active), and gives them all back as stored.
   */
  async upsertMany(tx: EntityManager, users: readonly NewUserAccount[]): Promise<UserAccount[]> {
    const column = <K extends keyof NewUserAccount>(key: K) => users.map((user) => user[key]);
    return queryRows(
      tx,
      UserAccountRow,
      `INSERT INTO user_account (${COLUMNS})
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::boolean[])
       ON CONFLICT (username) DO UPDATE SET
         password_hash = EXCLUDED.password_hash, role = EXCLUDED.role, region_code = EXCLUDED.region_code,
         display_name = EXCLUDED.display_name, email = EXCLUDED.email, active = EXCLUDED.active, updated_at = EXCLUDED.updated_at
       RETURNING *`,
      [
        column('username'),
        column('passwordHash'),
        column('role'),
        column('regionCode'),
        column('displayName'),
        column('language'),
        column('email'),
        column('phone'),
        column('active'),
      ],
    );
  }

  /**
   * Gives the account a new role, region or standing, and with `passwordHash` a new password as changePassword
   * does, in the same statement; `updated_at` moves only when one of them changes.
   */
  async changeStanding(tx: EntityManager, id: string, standing: UserStanding, passwordHash?: string): Promise<UserAccount> {
    const [user] = await updateRows(
      tx,
      UserAccountRow,
      `UPDATE user_account SET role = $2, region_code = $3, active = $4, password_hash = COALESCE($5::text, password_hash),
         token_version = token_version + CASE WHEN $5::text IS NULL THEN 0 ELSE 1 END,
         updated_at = CASE WHEN $5::text IS NOT NULL OR (role, region_code, active) IS DISTINCT FROM ($2::text, $3::text, $4::boolean)
           THEN now() ELSE updated_at END
       WHERE id = $1 RETURNING *`,
      [id, standing.role, standing.regionCode, standing.active, passwordHash ?? null],
    );
    return user;
  }

  /** A new password, which also ends every access token issued to the user so far; the account as it is now. */
  async changePassword(tx: EntityManager, id: string, passwordHash: string): Promise<UserAccount> {
    const [user] = await updateRows(
      tx,
      UserAccountRow,
      'UPDATE user_account SET password_hash = $2, token_version = token_version + 1, updated_at = now() WHERE id = $1 RETURNING *',
      [id, passwordHash],
    );
    return user;
  }

  /** Ends every access token issued to the user so far (logout). */
  async raiseTokenVersion(db: EntityManager, id: string): Promise<void> {
    await db.query('UPDATE user_account SET token_version = token_version + 1, updated_at = now() WHERE id = $1', [id]);
  }
}
