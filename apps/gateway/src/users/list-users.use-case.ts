import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Actor, type ListUsersRequest, pageFields, sliceOf, type UserList } from '@alur/contracts';
import { containsPattern, escapeLike } from '@alur/database';
import { UserEntity } from './user.entity';
import { userViewOf } from './user-view';

/** Users within the administrator's region, by username; Kemendagri codes nest, so "within" is a code prefix. */
@Injectable()
export class ListUsersUseCase {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  async execute(admin: Actor, query: ListUsersRequest): Promise<UserList> {
    const builder = this.users.createQueryBuilder('u');
    for (const [index, region] of [admin.regionCode, query.regionCode].entries()) {
      if (region === undefined) continue;
      builder.andWhere(`(u.region_code = :region${index} OR u.region_code LIKE :prefix${index})`, {
        [`region${index}`]: region,
        [`prefix${index}`]: `${escapeLike(region)}.%`,
      });
    }
    if (query.role) builder.andWhere('u.role = :role', { role: query.role });
    const q = query.q?.trim();
    if (q) builder.andWhere('(u.username ILIKE :q OR u.display_name ILIKE :q)', { q: containsPattern(q) });
    const slice = sliceOf(query);
    const [users, total] = await builder.orderBy('u.username').take(slice.limit).skip(slice.offset).getManyAndCount();
    return { items: users.map(userViewOf), total, ...pageFields(slice) };
  }
}
