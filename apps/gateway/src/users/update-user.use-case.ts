import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  Actor,
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  type UpdateUserRequest,
  type UserView,
} from '@alur/contracts';
import { OutboxService } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { SecurityAudit } from '../audit/security-audit.service';
import { AccountStanding } from '../auth/account-standing.service';
import { roleRegionMismatch } from './role-region.policy';
import { UserEntity } from './user.entity';
import { announceUsersSaved } from './user-saved.announcement';
import { userViewOf } from './user-view';

const standingOf = (user: UserEntity) => ({ role: user.role, regionCode: user.regionCode, active: user.active });

/**
 * An administrator changes a user of their own kabupaten: a new role or region (which must fit each
 * other, as when adding), or deactivation. The user's tokens stop working at once, since they name the
 * old role, region or an active account (AccountStanding); the services learn it from UserSaved.
 */
@Injectable()
export class UpdateUserUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly regions: RegionDirectory,
    private readonly audit: SecurityAudit,
    private readonly standing: AccountStanding,
  ) {}

  async execute(admin: Actor, id: string, command: UpdateUserRequest): Promise<UserView> {
    const saved = await this.dataSource.transaction(async (tx) => {
      const user = await tx.getRepository(UserEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      // Another kabupaten's user does not exist for this administrator.
      if (!user || !this.regions.covers(admin.regionCode, user.regionCode)) throw new NotFoundError(`User ${id} not found`);
      if (user.id === admin.userId && (command.active === false || (command.role !== undefined && command.role !== user.role))) {
        throw new ConflictError('An administrator cannot deactivate or demote their own account', { code: 'own_account' });
      }
      const before = standingOf(user);
      const role = command.role ?? user.role;
      const regionCode = command.regionCode ?? user.regionCode;
      const mismatch = roleRegionMismatch(this.regions, role, regionCode);
      if (mismatch) throw new InvalidInputError([{ field: 'regionCode', reason: mismatch, code: 'region_not_for_role' }]);
      if (!this.regions.covers(admin.regionCode, regionCode))
        throw new ForbiddenError(`You may place users only within region ${admin.regionCode}`);
      Object.assign(user, { role, regionCode, active: command.active ?? user.active });
      const row = await tx.save(user);
      await announceUsersSaved(this.outbox, tx, [row]);
      await this.audit.record(
        { actor: admin, action: 'user.updated', entityType: 'user_account', entityId: row.id, before, after: standingOf(row) },
        tx,
      );
      return row;
    });
    this.standing.forget(saved.id);
    return userViewOf(saved);
  }
}
