import { Injectable } from '@nestjs/common';
import { Transactions } from '@alur/database';
import { NamedPerson, userIdsOf, withDisplayName } from './domain/official-names';
import { UserAccountRepository } from './user-account.repository';

/**
 * The gateway owns the users: it puts officials' names (e.g. "Camat Mandau", or the person's own
 * name) beside the usernames that the other services record with a decision or a timeline entry.
 */
@Injectable()
export class OfficialNames {
  constructor(
    private readonly transactions: Transactions,
    private readonly users: UserAccountRepository,
  ) {}

  async name<T extends NamedPerson>(people: ReadonlyArray<T | null>): Promise<Array<T | null>> {
    const ids = userIdsOf(people);
    if (ids.length === 0) return [...people];
    const names = await this.users.displayNamesOf(this.transactions.manager, ids);
    return people.map((person) => (person ? withDisplayName(person, names) : null));
  }

  /**
   * Each item with the people it holds named, in one lookup for the whole list: `peopleOf` picks them
   * out of an item, `withPeople` puts them back, named, in the same order.
   */
  async nameWithin<I, T extends NamedPerson>(
    items: readonly I[],
    peopleOf: (item: I) => Array<T | null>,
    withPeople: (item: I, named: Array<T | null>) => I,
  ): Promise<I[]> {
    const picked = items.map(peopleOf);
    const named = await this.name(picked.flat());
    let next = 0;
    return items.map((item, i) => withPeople(item, named.slice(next, (next += picked[i].length))));
  }
}
