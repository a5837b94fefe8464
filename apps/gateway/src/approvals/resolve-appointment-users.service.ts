import { Injectable } from '@nestjs/common';
import { InvalidInputError, RefusalCode } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { UserAccountRepository } from '../users/user-account.repository';

/** The gateway owns the users: it turns the usernames of an appointment into ids, roles and regions. */
@Injectable()
export class ResolveAppointmentUsers {
  constructor(
    private readonly transactions: Transactions,
    private readonly users: UserAccountRepository,
  ) {}

  async resolve(actingUsername: string, forUsername: string) {
    const db = this.transactions.manager;
    const [acting, actingFor] = await Promise.all([
      this.users.findActiveByUsername(db, actingUsername.toLowerCase()),
      this.users.findActiveByUsername(db, forUsername.toLowerCase()),
    ]);
    const errors = [
      ...(acting ? [] : [{ field: 'actingUsername', reason: `no active user ${actingUsername}`, code: RefusalCode.NoActiveUser }]),
      ...(actingFor ? [] : [{ field: 'forUsername', reason: `no active user ${forUsername}`, code: RefusalCode.NoActiveUser }]),
    ];
    if (!acting || !actingFor) throw new InvalidInputError(errors);
    return {
      acting: { userId: acting.id, username: acting.username, role: acting.role, regionCode: acting.regionCode },
      actingFor: { userId: actingFor.id, username: actingFor.username, role: actingFor.role, regionCode: actingFor.regionCode },
    };
  }
}
