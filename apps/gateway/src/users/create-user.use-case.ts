import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { Actor, ConflictError, ForbiddenError, InvalidInputError, type CreateUserRequest, type UserView } from '@alur/contracts';
import { OutboxService } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { SecurityAudit } from '../audit/security-audit.service';
import { PasswordHasher } from '../auth/password-hasher.service';
import { roleRegionMismatch } from './role-region.policy';
import { UserEntity } from './user.entity';
import { announceUsersSaved } from './user-saved.announcement';
import { userViewOf } from './user-view';

/** An administrator adds a user to their own kabupaten, with a region that fits the role. */
@Injectable()
export class CreateUserUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly regions: RegionDirectory,
    private readonly hasher: PasswordHasher,
    private readonly audit: SecurityAudit,
  ) {}

  async execute(admin: Actor, command: CreateUserRequest): Promise<UserView> {
    const mismatch = roleRegionMismatch(this.regions, command.role, command.regionCode);
    if (mismatch) throw new InvalidInputError([{ field: 'regionCode', reason: mismatch, code: 'region_not_for_role' }]);
    if (!this.regions.covers(admin.regionCode, command.regionCode)) {
      throw new ForbiddenError(`You may add users only within region ${admin.regionCode}`);
    }
    const passwordHash = await this.hasher.hash(command.password);
    const user = this.dataSource.getRepository(UserEntity).create({
      username: command.username,
      passwordHash,
      role: command.role,
      regionCode: command.regionCode,
      displayName: command.displayName,
      language: command.language,
      email: command.email ?? null,
      phone: command.phone ?? null,
      active: true,
    });
    try {
      const saved = await this.dataSource.transaction(async (tx) => {
        const row = await tx.save(user);
        await announceUsersSaved(this.outbox, tx, [row]);
        const after = { username: row.username, role: row.role, regionCode: row.regionCode, active: row.active };
        await this.audit.record({ actor: admin, action: 'user.created', entityType: 'user_account', entityId: row.id, after }, tx);
        return row;
      });
      return userViewOf(saved);
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw new ConflictError(`Username ${command.username} is taken`);
      }
      throw error;
    }
  }
}
