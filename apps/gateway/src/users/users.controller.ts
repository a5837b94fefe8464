import { Controller, Get, Patch, Post, UseInterceptors } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  Actor,
  type CreateUserRequest,
  CreateUserRequestSchema,
  type ListUsersRequest,
  ListUsersRequestSchema,
  UpdateUserRequestSchema,
  type UserList,
  UserListSchema,
  type UserView,
  UserViewSchema,
  Uuid,
} from '@alur/contracts';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { ContractInput, openApiSchemaOf } from '../http/contract-input';
import { IdempotentRoute } from '../http/idempotency-key.interceptor';
import { CreateUserUseCase } from './use-cases/create-user.use-case';
import { ListUsersUseCase } from './use-cases/list-users.use-case';
import { UpdateUserUseCase } from './use-cases/update-user.use-case';

/** `PATCH /users/:id`: the user named in the path, and the change in the body. */
const UpdateUserInput = UpdateUserRequestSchema.extend({ id: Uuid });

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
  @ApiOkResponse({ schema: openApiSchemaOf(UserListSchema, 'output') })
  list(
    @CurrentActor() admin: Actor,
    @ContractInput(null, { from: 'query', schema: ListUsersRequestSchema }) query: ListUsersRequest,
  ): Promise<UserList> {
    return this.listUsers.execute(admin, query);
  }

  @Post()
  @ApiOperation({ summary: 'Add a user; the region must fit the role (a village for BKM/LURAH, a kecamatan for CAMAT)' })
  @ApiCreatedResponse({ schema: openApiSchemaOf(UserViewSchema, 'output') })
  create(
    @CurrentActor() admin: Actor,
    @ContractInput(null, { from: 'body', schema: CreateUserRequestSchema }) body: CreateUserRequest,
  ): Promise<UserView> {
    return this.createUser.execute(admin, body);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a user’s role or region (which must fit each other), or deactivate the account; its tokens stop working at once',
  })
  @ApiOkResponse({ schema: openApiSchemaOf(UserViewSchema, 'output') })
  update(
    @CurrentActor() admin: Actor,
    @ContractInput(null, { from: 'body', params: ['id'], schema: UpdateUserInput }) input: z.infer<typeof UpdateUserInput>,
  ): Promise<UserView> {
    const { id, ...change } = input;
    return this.updateUser.execute(admin, id, change);
  }
}
