import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Actor } from '@alur/contracts';
import { UserEntity } from '../users/user.entity';
import { SecurityAudit } from '../audit/security-audit.service';
import { AccountStanding } from './account-standing.service';

/** Logging out ends every access token of the user at once (on every device), not at its expiry. */
@Injectable()
export class LogoutUseCase {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly standing: AccountStanding,
    private readonly audit: SecurityAudit,
  ) {}

  async execute(actor: Actor): Promise<void> {
    await this.users.increment({ id: actor.userId }, 'tokenVersion', 1);
    this.standing.forget(actor.userId);
    await this.audit.record({ actor, action: 'logout', entityType: 'user_account', entityId: actor.userId });
  }
}
