import { Injectable } from '@nestjs/common';
import { Actor, NotFoundError, type UpdateUserRequest, type UserView } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { OutboxService } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { SecurityAudit } from '../../audit/security-audit.service';
import { AccountStanding } from '../../auth/account-standing.service';
import { PasswordHasher } from '../../auth/password-hasher.service';
import { standingOf } from '../domain/user-account';
import { requireNotOwnLockOut, requirePlacement } from '../domain/user-placement.policy';
import { UserAccountRepository } from '../user-account.repository';
import { announceUsersSaved } from '../user-saved.announcement';
import { userViewOf } from '../user-view';

/**
 * An administrator changes a user of their own kabupaten: a new role or region (which must fit each
 * other, as when adding), deactivation, or a new password for one who forgot theirs. The user's tokens
 * stop working at once, since they name the old role, region, an active account or the token version
 * a new password raises (AccountStanding); the services learn it from UserSaved. The password itself is
 * audited only as having been reset.
 */
@Injectable()
export class UpdateUserUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly users: UserAccountRepository,
    private readonly outbox: OutboxService,
    private readonly regions: RegionDirectory,
    private readonly audit: SecurityAudit,
    private readonly standing: AccountStanding,
    private readonly hasher: PasswordHasher,
  ) {}

  async execute(admin: Actor, id: string, command: UpdateUserRequest): Promise<UserView> {
    // Hashed before the transaction: argon2 takes a while, and the user's row is locked inside it.
    const passwordHash = command.password === undefined ? undefined : await this.hasher.hash(command.password);
    const saved = await this.transactions.run(async (tx) => {
      const user = await this.users.lock(tx, id);
      // Another kabupaten's user does not exist for this administrator.
      if (!user || !this.regions.covers(admin.regionCode, user.regionCode)) throw new NotFoundError(`User ${id} not found`);
      requireNotOwnLockOut(admin, user, command);
      const before = standingOf(user);
      const role = command.role ?? user.role;
      const regionCode = command.regionCode ?? user.regionCode;
      requirePlacement(this.regions, admin, role, regionCode, 'place');
      const changed = await this.users.changeStanding(tx, id, { role, regionCode, active: command.active ?? user.active }, passwordHash);
      await announceUsersSaved(this.outbox, tx, [changed]);
      const after = { ...standingOf(changed), ...(passwordHash ? { passwordReset: true } : {}) };
      await this.audit.record(
        { actor: admin, action: 'user.updated', entityType: 'user_account', entityId: changed.id, before, after },
        tx,
      );
      return changed;
    });
    this.standing.forget(saved.id);
    return userViewOf(saved, this.regions);
  }
}
