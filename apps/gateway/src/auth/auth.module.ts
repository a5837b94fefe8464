import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_ENV } from '@alur/config';
import { RegionsModule } from '@alur/regions';
import { GatewayPersistenceModule } from '../database/gateway-persistence.module';
import { accessTokenOptions } from './access-token.options';
import { AccessTokens } from './access-tokens.service';
import { AccountStanding } from './account-standing.service';
import { AuthController } from './auth.controller';
import { JwtAuthGuard } from './jwt-auth.guard';
import { LoginThrottle } from './login-throttle.service';
import { ChangePasswordUseCase } from './use-cases/change-password.use-case';
import { LoginUseCase } from './use-cases/login.use-case';
import { LogoutUseCase } from './use-cases/logout.use-case';
import { PasswordHasher } from './password-hasher.service';
import { RolesGuard } from './roles.guard';

/**
 * Login, and the two global guards every gateway route passes, in this order: who is calling
 * (401 without a valid token, unless @Public()), then whether their role may (403, @Roles()).
 */
@Module({
  imports: [
    GatewayPersistenceModule,
    RegionsModule,
    JwtModule.registerAsync({
      inject: [APP_ENV],
      useFactory: accessTokenOptions,
    }),
  ],
  controllers: [AuthController],
  providers: [
    LoginUseCase,
    ChangePasswordUseCase,
    LogoutUseCase,
    LoginThrottle,
    PasswordHasher,
    AccessTokens,
    AccountStanding,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [PasswordHasher, AccessTokens, AccountStanding],
})
export class AuthModule {}
