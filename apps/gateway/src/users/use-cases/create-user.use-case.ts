import { Injectable } from '@nestjs/common';
import { Actor, ConflictError, type CreateUserRequest, type UserView } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { OutboxService } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { SecurityAudit } from '../../audit/security-audit.service';
import { PasswordHasher } from '../../auth/password-hasher.service';
import { requirePlacement } from '../domain/user-placement.policy';
import { UserAccountRepository } from '../user-account.repository';
import { announceUsersSaved } from '../user-saved.announcement';
import { userViewOf } from '../user-view';

/** An administrator adds a user to their own kabupaten, with a region that fits the role. */
@Injectable()
export class CreateUserUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly users: UserAccountRepository,
    private readonly outbox: OutboxService,
    private readonly regions: RegionDirectory,
    private readonly hasher: PasswordHasher,
    private readonly audit: SecurityAudit,
  ) {}

  async execute(admin: Actor, command: CreateUserRequest): Promise<UserView> {
    requirePlacement(this.regions, admin, command.role, command.regionCode, 'add');
    const passwordHash = await this.hasher.hash(command.password);
    const saved = await this.transactions.run(async (tx) => {
      const user = await this.users.add(tx, {
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
      if (!user) throw new ConflictError(`Username ${command.username} is taken`);
      await announceUsersSaved(this.outbox, tx, [user]);
      const after = { username: user.username, role: user.role, regionCode: user.regionCode, active: user.active };
      await this.audit.record({ actor: admin, action: 'user.created', entityType: 'user_account', entityId: user.id, after }, tx);
      return user;
    });
    return userViewOf(saved, this.regions);
  }
}
