import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_ENV, BaseEnv } from '@alur/config';
import { UserEntity } from '../users/user.entity';
import { AuthController } from './auth.controller';
import { JwtAuthGuard } from './jwt-auth.guard';
import { loginThrottleOptions } from './login-throttle';
import { LoginUseCase } from './login.use-case';
import { PasswordHasher } from './password-hasher.service';
import { RolesGuard } from './roles.guard';

/**
 * Login, and the two global guards every gateway route passes, in this order: who is calling
 * (401 without a valid token, unless @Public()), then whether their role may (403, @Roles()).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity]),
    JwtModule.registerAsync({
      inject: [APP_ENV],
      useFactory: (env: BaseEnv) => ({
        secret: env.JWT_SECRET,
        signOptions: { algorithm: 'HS256', expiresIn: env.JWT_TTL_SECONDS },
        // Pinned, so that a token cannot choose its own algorithm (e.g. "none").
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    ThrottlerModule.forRoot(loginThrottleOptions),
  ],
  controllers: [AuthController],
  providers: [
    LoginUseCase,
    PasswordHasher,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [PasswordHasher],
})
export class AuthModule {}
