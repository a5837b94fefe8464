import { userInfo } from 'node:os';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { USERNAME_PATTERN } from '@alur/contracts';
import { OutboxService } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { PasswordHasher } from '../../auth/password-hasher.service';
import { UserAccount } from '../domain/user-account';
import { roleRegionMismatch } from '../domain/role-region.policy';
import { UserAccountRepository } from '../user-account.repository';
import { announceUsersSaved } from '../user-saved.announcement';

export interface CreateAdminCommand {
  username: string;
  regionCode: string;
  displayName: string;
  password: string;
  email?: string;
}

/** Why the command refuses, in words for the operator at the terminal. */
export class AdminRefusedError extends Error {}

const MIN_PASSWORD = 12;

/**
 * Creates an ADMIN account from the operator's terminal, for a new installation whose console has
 * nobody to log in yet (production refuses demo data). It never replaces an account: an existing
 * username is refused. Audited with no actor (the system) and the OS user who ran it, in the same
 * transaction, and announced to the services that keep a copy of users, as the console's "add user" does.
 */
export async function createAdmin(
  dataSource: DataSource,
  regions: RegionDirectory,
  outbox: OutboxService,
  command: CreateAdminCommand,
): Promise<UserAccount> {
  if (!USERNAME_PATTERN.test(command.username))
    throw new AdminRefusedError('--username must be 3 to 64 lower-case letters, digits, ".", "_" or "-"');
  const mismatch = roleRegionMismatch(regions, 'ADMIN', command.regionCode);
  if (mismatch) throw new AdminRefusedError(`--region: ${mismatch}`);
  if (command.password.length < MIN_PASSWORD) throw new AdminRefusedError(`the password must have at least ${MIN_PASSWORD} characters`);
  const passwordHash = await new PasswordHasher().hash(command.password);
  return dataSource.transaction(async (tx) => {
    // An existing username is refused with a message, not a constraint violation, and left as it was.
    const user = await new UserAccountRepository().add(tx, {
      username: command.username,
      passwordHash,
      role: 'ADMIN',
      regionCode: command.regionCode,
      displayName: command.displayName,
      language: 'id',
      email: command.email ?? null,
      phone: null,
      active: true,
    });
    if (!user) throw new AdminRefusedError(`user ${command.username} exists already; nothing was changed`);
    await announceUsersSaved(outbox, tx, [user]);
    await new AuditTrail(dataSource).record(tx, {
      actor: null,
      action: 'user.created',
      entityType: 'user_account',
      entityId: user.id,
      after: {
        username: user.username,
        role: user.role,
        regionCode: user.regionCode,
        active: user.active,
        by: `admin:create (${osUser()})`,
      },
    });
    return user;
  });
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown OS user';
  }
}
