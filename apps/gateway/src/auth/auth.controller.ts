import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { LoginDto } from './login.dto';
import { LoginResult } from './login-result';
import { LoginUseCase } from './login.use-case';
import { Public } from './public.decorator';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly login: LoginUseCase) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @UseGuards(ThrottlerGuard)
  @ApiOperation({ summary: 'Log in (masuk) and receive a short-lived access token' })
  @ApiUnauthorizedResponse({ description: 'Unknown username or wrong password (the same answer for both)' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts for this username from this address' })
  logIn(@Body() body: LoginDto): Promise<LoginResult> {
    return this.login.execute(body.username, body.password);
  }
}
