import { RegionDirectory } from '@alur/regions';
import { Injectable } from '@nestjs/common';
import { Actor, type UserView } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { UserAccountRepository } from '../user-account.repository';
import { userViewOf } from '../user-view';

/** The logged-in user's own account; none once it was deactivated or removed since the token was issued. */
@Injectable()
export class ShowOwnAccountUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly users: UserAccountRepository,
    private readonly regions: RegionDirectory,
  ) {}

  async execute(actor: Actor): Promise<UserView | undefined> {
    const user = await this.users.find(this.transactions.manager, actor.userId);
    return user?.active ? userViewOf(user, this.regions) : undefined;
  }
}
