import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InvalidInputError } from '@alur/contracts';
import { UserEntity } from '../users/user.entity';

/** The gateway owns the users: it turns the usernames of an appointment into ids, roles and regions. */
@Injectable()
export class ResolveAppointmentUsers {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async resolve(actingUsername: string, forUsername: string) {
    const repository = this.dataSource.getRepository(UserEntity);
    const [acting, actingFor] = await Promise.all([
      repository.findOneBy({ username: actingUsername.toLowerCase(), active: true }),
      repository.findOneBy({ username: forUsername.toLowerCase(), active: true }),
    ]);
    const errors = [
      ...(acting ? [] : [{ field: 'actingUsername', reason: `no active user ${actingUsername}` }]),
      ...(actingFor ? [] : [{ field: 'forUsername', reason: `no active user ${forUsername}` }]),
    ];
    if (!acting || !actingFor) throw new InvalidInputError(errors);
    return {
      acting: { userId: acting.id, username: acting.username, role: acting.role, regionCode: acting.regionCode },
      actingFor: { userId: actingFor.id, username: actingFor.username, role: actingFor.role, regionCode: actingFor.regionCode },
    };
  }
}
