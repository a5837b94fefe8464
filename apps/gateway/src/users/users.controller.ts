import { Body, Controller, Get, Param, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@alur/contracts';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { IdempotentRoute } from '../http/idempotency-key';
import { CreateUserDto } from './create-user.dto';
import { CreateUserUseCase } from './create-user.use-case';
import { ListUsersQuery } from './list-users.query';
import { ListUsersUseCase } from './list-users.use-case';
import { UpdateUserDto } from './update-user.dto';
import { UpdateUserUseCase } from './update-user.use-case';
import { UserIdParams } from './user-id.params';
import { UserView } from './user-view';

@ApiTags('users')
@Controller('api/v1/users')
@Roles('ADMIN')
// The gateway carries out these writes itself: an Idempotency-Key is kept here (reads pass through).
@UseInterceptors(IdempotentRoute)
export class UsersController {
  constructor(
    private readonly listUsers: ListUsersUseCase,
    private readonly createUser: CreateUserUseCase,
    private readonly updateUser: UpdateUserUseCase,
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

  @Patch(':id')
  @ApiOperation({ summary: 'Change a user’s role or region (which must fit each other), or deactivate the account; its tokens stop working at once' })
  update(@CurrentActor() admin: Actor, @Param() params: UserIdParams, @Body() body: UpdateUserDto): Promise<UserView> {
    return this.updateUser.execute(admin, params.id, body);
  }
}
