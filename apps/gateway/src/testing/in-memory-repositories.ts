import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { Public } from '@alur/testing';
import { TokenStanding, NewUserAccount, UserAccount, UserStanding } from '../users/domain/user-account';
import { UserAccountRepository, UserFilter } from '../users/user-account.repository';
import { NewUploadedFile, StoredFile, UploadedFileRepository, UploadOwnership } from '../uploads/uploaded-file.repository';
import { PhotoCapture } from '../uploads/photo-capture';
import { UploadKind } from '../uploads/uploaded-file-kinds';

/**
 * Repositories kept in memory, for unit tests of use cases: the rules run in milliseconds, without
 * PostgreSQL. They keep what the SQL keeps (one account per username, ordering by username) but no
 * locks or transactions (InMemoryTransactions of @alur/testing runs the work at once): those are the
 * end-to-end tests' to prove. The EntityManager they are given is ignored.
 */

const within = (regionCode: string, region: string) => regionCode === region || regionCode.startsWith(`${region}.`);

export class InMemoryUserAccounts implements Public<UserAccountRepository> {
  readonly rows: UserAccount[] = [];

  /** Puts a user in as if they were stored already; `overrides` chooses what matters to the test. */
  given(overrides: Partial<UserAccount> & Pick<UserAccount, 'username' | 'role' | 'regionCode'>): UserAccount {
    const at = new Date('2026-01-05T08:00:00Z');
    const user: UserAccount = {
      id: randomUUID(),
      passwordHash: 'hash:alur-demo',
      displayName: overrides.username,
      language: 'id',
      email: null,
      phone: null,
      active: true,
      tokenVersion: 0,
      createdAt: at,
      updatedAt: at,
      ...overrides,
    };
    this.rows.push(user);
    return { ...user };
  }

  async find(_db: EntityManager, id: string): Promise<UserAccount | undefined> {
    return this.copyOf(this.rows.find((u) => u.id === id));
  }

  async lock(_tx: EntityManager, id: string): Promise<UserAccount | undefined> {
    return this.find(_tx, id);
  }

  async findByUsername(_db: EntityManager, username: string): Promise<UserAccount | undefined> {
    return this.copyOf(this.rows.find((u) => u.username === username));
  }

  async findActiveByUsername(_db: EntityManager, username: string): Promise<UserAccount | undefined> {
    return this.copyOf(this.rows.find((u) => u.username === username && u.active));
  }

  async tokenStandingOf(_db: EntityManager, id: string): Promise<TokenStanding | undefined> {
    const user = this.rows.find((u) => u.id === id);
    return user && { active: user.active, role: user.role, regionCode: user.regionCode, tokenVersion: user.tokenVersion };
  }

  async displayNamesOf(_db: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
    return new Map(this.rows.filter((u) => ids.includes(u.id)).map((u) => [u.id, u.displayName]));
  }

  async list(_db: EntityManager, filter: UserFilter, page: { limit: number; offset: number }) {
    const text = filter.text?.toLowerCase();
    const matching = this.rows
      .filter(
        (u) =>
          filter.within.every((region) => within(u.regionCode, region)) &&
          (!filter.role || u.role === filter.role) &&
          (!text || u.username.toLowerCase().includes(text) || u.displayName.toLowerCase().includes(text)),
      )
      .sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
    return { users: matching.slice(page.offset, page.offset + page.limit).map((u) => ({ ...u })), total: matching.length };
  }

  async add(_tx: EntityManager, user: NewUserAccount): Promise<UserAccount | undefined> {
    // The unique key on username: a taken one adds nothing.
    if (this.rows.some((u) => u.username === user.username)) return undefined;
    const now = new Date();
    const added: UserAccount = { ...user, id: randomUUID(), tokenVersion: 0, createdAt: now, updatedAt: now };
    this.rows.push(added);
    return { ...added };
  }

  async upsertMany(tx: EntityManager, users: readonly NewUserAccount[]): Promise<UserAccount[]> {
    const saved: UserAccount[] = [];
    for (const user of users) {
      const existing = this.rows.find((u) => u.username === user.username);
      if (existing) Object.assign(existing, { ...user, language: existing.language, phone: existing.phone, updatedAt: new Date() });
      saved.push(existing ? { ...existing } : (await this.add(tx, user))!);
    }
    return saved;
  }

  async changeStanding(tx: EntityManager, id: string, standing: UserStanding, passwordHash?: string): Promise<UserAccount> {
    const user = this.rows.find((u) => u.id === id)!;
    const changed = user.role !== standing.role || user.regionCode !== standing.regionCode || user.active !== standing.active;
    Object.assign(user, standing, changed ? { updatedAt: new Date() } : {});
    return passwordHash === undefined ? { ...user } : this.changePassword(tx, id, passwordHash);
  }

  async changePassword(_tx: EntityManager, id: string, passwordHash: string): Promise<UserAccount> {
    const user = this.rows.find((u) => u.id === id)!;
    Object.assign(user, { passwordHash, tokenVersion: user.tokenVersion + 1, updatedAt: new Date() });
    return { ...user };
  }

  async raiseTokenVersion(_db: EntityManager, id: string): Promise<void> {
    const user = this.rows.find((u) => u.id === id);
    if (user) Object.assign(user, { tokenVersion: user.tokenVersion + 1, updatedAt: new Date() });
  }

  private copyOf(user: UserAccount | undefined): UserAccount | undefined {
    return user && { ...user };
  }
}

export class InMemoryUploadedFiles implements Public<UploadedFileRepository> {
  readonly rows: Array<NewUploadedFile & { id: string }> = [];

  async add(_tx: EntityManager, file: NewUploadedFile): Promise<string> {
    const id = randomUUID();
    this.rows.push({ ...file, id });
    return id;
  }

  async find(_db: EntityManager, kind: UploadKind, id: string): Promise<StoredFile | undefined> {
    const file = this.rows.find((f) => f.id === id && f.kind === kind);
    return file && { regionCode: file.regionCode, contentType: file.contentType, fileName: file.fileName, data: file.data };
  }

  async ownershipOf(_db: EntityManager, ids: readonly string[]): Promise<UploadOwnership[]> {
    return this.rows.filter((f) => ids.includes(f.id)).map((f) => ({ id: f.id, kind: f.kind, regionCode: f.regionCode }));
  }

  async capturesOf(_db: EntityManager, photoIds: readonly string[]): Promise<Map<string, PhotoCapture>> {
    return new Map(
      this.rows
        .filter((f) => f.kind === 'photo' && photoIds.includes(f.id))
        .map((f) => [f.id, f.capture ?? { capturedAt: null, latitude: null, longitude: null }]),
    );
  }
}
