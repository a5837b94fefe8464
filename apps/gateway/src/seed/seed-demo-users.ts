import { DataSource } from 'typeorm';
import { OutboxService } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { PasswordHasher } from '../auth/password-hasher.service';
import { announceUsersSaved } from '../users/user-saved.announcement';
import { UserAccountRepository } from '../users/user-account.repository';
import { DEMO_PASSWORD, demoUsers } from './demo-users';

export interface DemoSeedResult {
  users: number;
}

/**
 * Creates or refreshes the demo users (upsert by username): running it again changes nothing a
 * user would notice, and resets a demo password someone changed.
 *
 * All demo users share one password, so one argon2 hash (with its salt) serves them all: hashing
 * it ~320 times would cost half a minute and buy nothing in a demo. Real users each get their own.
 */
export async function seedDemoUsers(dataSource: DataSource, regions: RegionDirectory, outbox: OutboxService): Promise<DemoSeedResult> {
  const users = demoUsers(regions);
  const passwordHash = await new PasswordHasher().hash(DEMO_PASSWORD);
  await dataSource.transaction(async (tx) => {
    const saved = await new UserAccountRepository().upsertMany(
      tx,
      users.map((user) => ({ ...user, passwordHash, language: 'id' as const, phone: null, active: true })),
    );
    // Other services (notifications) keep their own copy of who is who.
    await announceUsersSaved(outbox, tx, saved);
  });
  return { users: users.length };
}
