import { Controller, Get, UnauthorizedException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Actor, type UserView, UserViewSchema } from '@alur/contracts';
import { CurrentActor } from '../auth/current-actor.decorator';
import { UserEntity } from './user.entity';
import { openApiSchemaOf } from '../http/contract-input';
import { userViewOf } from './user-view';

@ApiTags('auth')
@Controller('api/v1/me')
export class MeController {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  @Get()
  @ApiOperation({ summary: 'The logged-in user' })
  @ApiOkResponse({ schema: openApiSchemaOf(UserViewSchema, 'output') })
  async me(@CurrentActor() actor: Actor): Promise<UserView> {
    const user = await this.users.findOneBy({ id: actor.userId });
    // Deactivated or removed since the token was issued.
    if (!user?.active) throw new UnauthorizedException('This account is no longer active');
    return userViewOf(user);
  }
}
