import { Module } from '@nestjs/common';
import { RegionsModule } from '@alur/regions';
import { AuthModule } from '../auth/auth.module';
import { GatewayPersistenceModule } from '../database/gateway-persistence.module';
import { MeController } from './me.controller';
import { OfficialNames } from './official-names.service';
import { CreateUserUseCase } from './use-cases/create-user.use-case';
import { ListUsersUseCase } from './use-cases/list-users.use-case';
import { ShowOwnAccountUseCase } from './use-cases/show-own-account.use-case';
import { UpdateUserUseCase } from './use-cases/update-user.use-case';
import { UsersController } from './users.controller';

@Module({
  imports: [GatewayPersistenceModule, RegionsModule, AuthModule],
  controllers: [MeController, UsersController],
  providers: [CreateUserUseCase, ListUsersUseCase, UpdateUserUseCase, ShowOwnAccountUseCase, OfficialNames],
  exports: [OfficialNames],
})
export class UsersModule {}
