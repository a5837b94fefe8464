import { EntityManager } from 'typeorm';
import { UserSavedV1 } from '@alur/contracts';
import { OutboxService } from '@alur/messaging';
import { UserAccount } from './domain/user-account';

/** Announces created or changed users, in the transaction that saved them, to the services that keep a copy. */
export async function announceUsersSaved(outbox: OutboxService, tx: EntityManager, users: readonly UserAccount[]): Promise<void> {
  if (users.length === 0) return;
  await outbox.recordMany(
    tx,
    UserSavedV1,
    users.map((user) => ({
      aggregateId: user.id,
      payload: {
        userId: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        regionCode: user.regionCode,
        language: user.language,
        email: user.email,
        phone: user.phone,
        active: user.active,
      },
    })),
  );
}
