import { RegionDirectory } from '@alur/regions';
import { Injectable } from '@nestjs/common';
import { Actor, type ListUsersRequest, pageFields, sliceOf, type UserList } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { UserAccountRepository } from '../user-account.repository';
import { userViewOf } from '../user-view';

/** Users within the administrator's region (and the region asked for), by username. */
@Injectable()
export class ListUsersUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly users: UserAccountRepository,
    private readonly regions: RegionDirectory,
  ) {}

  async execute(admin: Actor, query: ListUsersRequest): Promise<UserList> {
    const within = [admin.regionCode, ...(query.regionCode === undefined ? [] : [query.regionCode])];
    const slice = sliceOf(query);
    const { users, total } = await this.users.list(
      this.transactions.manager,
      { within, role: query.role, text: query.q?.trim() || undefined },
      slice,
    );
    return { items: users.map((user) => userViewOf(user, this.regions)), total, ...pageFields(slice) };
  }
}
