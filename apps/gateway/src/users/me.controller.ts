import { Controller, Get, UnauthorizedException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, type UserView, UserViewSchema } from '@alur/contracts';
import { CurrentActor } from '../auth/current-actor.decorator';
import { openApiSchemaOf } from '../http/contract-input';
import { ShowOwnAccountUseCase } from './use-cases/show-own-account.use-case';

@ApiTags('auth')
@Controller('api/v1/me')
export class MeController {
  constructor(private readonly ownAccount: ShowOwnAccountUseCase) {}

  @Get()
  @ApiOperation({ summary: 'The logged-in user' })
  @ApiOkResponse({ schema: openApiSchemaOf(UserViewSchema, 'output') })
  async me(@CurrentActor() actor: Actor): Promise<UserView> {
    const user = await this.ownAccount.execute(actor);
    // Deactivated or removed since the token was issued.
    if (!user) throw new UnauthorizedException('This account is no longer active');
    return user;
  }
}
