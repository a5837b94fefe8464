import { Controller, HttpCode, Ip, Post, Put } from '@nestjs/common';
import {
  Actor,
  type ChangePasswordRequest,
  ChangePasswordRequestSchema,
  type LoginRequest,
  type LoginResult,
  LoginRequestSchema,
  LoginResultSchema,
} from '@alur/contracts';
import { ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ContractInput, openApiSchemaOf } from '../http/contract-input';
import { ChangePasswordUseCase } from './use-cases/change-password.use-case';
import { LoginUseCase } from './use-cases/login.use-case';
import { LogoutUseCase } from './use-cases/logout.use-case';
import { CurrentActor } from './current-actor.decorator';
import { Public } from './public.decorator';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly login: LoginUseCase,
    private readonly logout: LogoutUseCase,
    private readonly changePassword: ChangePasswordUseCase,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Log in (masuk) and receive a short-lived access token' })
  @ApiOkResponse({ schema: openApiSchemaOf(LoginResultSchema, 'output') })
  @ApiUnauthorizedResponse({ description: 'Unknown username or wrong password (the same answer for both)' })
  @ApiTooManyRequestsResponse({
    description: 'Too many failed logins for this username (from this address) or from this address: wait the seconds given',
  })
  logIn(
    @ContractInput(null, { from: 'body', schema: LoginRequestSchema }) body: LoginRequest,
    @Ip() address: string,
  ): Promise<LoginResult> {
    return this.login.execute(body.username, body.password, address);
  }

  @Put('password')
  @ApiOperation({
    summary:
      'Change your own password: give the current one (400 naming currentPassword when wrong; wrong guesses count as failed logins) and a new one of 10 or more characters; answered with a new access token, every earlier one stops working',
  })
  @ApiOkResponse({ schema: openApiSchemaOf(LoginResultSchema, 'output') })
  @ApiTooManyRequestsResponse({ description: 'Too many wrong passwords for this username: wait the seconds given' })
  newPassword(
    @CurrentActor() actor: Actor,
    @ContractInput(null, { from: 'body', schema: ChangePasswordRequestSchema }) body: ChangePasswordRequest,
    @Ip() address: string,
  ): Promise<LoginResult> {
    return this.changePassword.execute(actor, body, address);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Log out (keluar): every access token of this user stops working within seconds' })
  logOut(@CurrentActor() actor: Actor): Promise<void> {
    return this.logout.execute(actor);
  }
}
