import { Injectable } from '@nestjs/common';
import { Actor, NotFoundError, type UpdateUserRequest, type UserView } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { OutboxService } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { SecurityAudit } from '../../audit/security-audit.service';
import { AccountStanding } from '../../auth/account-standing.service';
import { standingOf } from '../domain/user-account';
import { requireNotOwnLockOut, requirePlacement } from '../domain/user-placement.policy';
import { UserAccountRepository } from '../user-account.repository';
import { announceUsersSaved } from '../user-saved.announcement';
import { userViewOf } from '../user-view';

/**
 * An administrator changes a user of their own kabupaten: a new role or region (which must fit each
 * other, as when adding), or deactivation. The user's tokens stop working at once, since they name the
 * old role, region or an active account (AccountStanding); the services learn it from UserSaved.
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
  ) {}

  async execute(admin: Actor, id: string, command: UpdateUserRequest): Promise<UserView> {
    const saved = await this.transactions.run(async (tx) => {
      const user = await this.users.lock(tx, id);
      // Another kabupaten's user does not exist for this administrator.
      if (!user || !this.regions.covers(admin.regionCode, user.regionCode)) throw new NotFoundError(`User ${id} not found`);
      requireNotOwnLockOut(admin, user, command);
      const before = standingOf(user);
      const role = command.role ?? user.role;
      const regionCode = command.regionCode ?? user.regionCode;
      requirePlacement(this.regions, admin, role, regionCode, 'place');
      const changed = await this.users.changeStanding(tx, id, { role, regionCode, active: command.active ?? user.active });
      await announceUsersSaved(this.outbox, tx, [changed]);
      await this.audit.record(
        { actor: admin, action: 'user.updated', entityType: 'user_account', entityId: changed.id, before, after: standingOf(changed) },
        tx,
      );
      return changed;
    });
    this.standing.forget(saved.id);
    return userViewOf(saved);
  }
}
