import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { NamedPerson, userIdsOf, withDisplayName } from './official-names';
import { UserEntity } from './user.entity';

/**
 * The gateway owns the users: it puts officials' names (e.g. "Camat Mandau", or the person's own
 * name) beside the usernames that the other services record with a decision or a timeline entry.
 */
@Injectable()
export class OfficialNames {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async name<T extends NamedPerson>(people: ReadonlyArray<T | null>): Promise<Array<T | null>> {
    const ids = userIdsOf(people);
    if (ids.length === 0) return [...people];
    const users = await this.dataSource.getRepository(UserEntity).find({ select: { id: true, displayName: true }, where: { id: In(ids) } });
    const names = new Map(users.map((user) => [user.id, user.displayName]));
    return people.map((person) => (person ? withDisplayName(person, names) : null));
  }
}
