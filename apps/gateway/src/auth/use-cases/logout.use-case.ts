import { Injectable } from '@nestjs/common';
import { Actor } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { SecurityAudit } from '../../audit/security-audit.service';
import { UserAccountRepository } from '../../users/user-account.repository';
import { AccountStanding } from '../account-standing.service';

/** Logging out ends every access token of the user at once (on every device), not at its expiry. */
@Injectable()
export class LogoutUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly users: UserAccountRepository,
    private readonly standing: AccountStanding,
    private readonly audit: SecurityAudit,
  ) {}

  async execute(actor: Actor): Promise<void> {
    await this.users.raiseTokenVersion(this.transactions.manager, actor.userId);
    this.standing.forget(actor.userId);
    await this.audit.record({ actor, action: 'logout', entityType: 'user_account', entityId: actor.userId });
  }
}
