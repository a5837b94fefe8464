import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@alur/contracts';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { CreateUserDto } from './create-user.dto';
import { CreateUserUseCase } from './create-user.use-case';
import { ListUsersQuery } from './list-users.query';
import { ListUsersUseCase } from './list-users.use-case';
import { UserView } from './user-view';

@ApiTags('users')
@Controller('api/v1/users')
@Roles('ADMIN')
export class UsersController {
  constructor(
    private readonly listUsers: ListUsersUseCase,
    private readonly createUser: CreateUserUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Users within the administrator’s region' })
  list(@CurrentActor() admin: Actor, @Query() query: ListUsersQuery) {
    return this.listUsers.execute(admin, query);
  }

  @Post()
  @ApiOperation({ summary: 'Add a user; the region must fit the role (a village for BKM/LURAH, a kecamatan for CAMAT)' })
  create(@CurrentActor() admin: Actor, @Body() body: CreateUserDto): Promise<UserView> {
    return this.createUser.execute(admin, body);
  }
}
