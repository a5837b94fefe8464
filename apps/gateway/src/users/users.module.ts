import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RegionsModule } from '@alur/regions';
import { AuthModule } from '../auth/auth.module';
import { CreateUserUseCase } from './create-user.use-case';
import { ListUsersUseCase } from './list-users.use-case';
import { MeController } from './me.controller';
import { OfficialNames } from './official-names.service';
import { UpdateUserUseCase } from './update-user.use-case';
import { UserEntity } from './user.entity';
import { UsersController } from './users.controller';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity]), RegionsModule, AuthModule],
  controllers: [MeController, UsersController],
  providers: [CreateUserUseCase, ListUsersUseCase, UpdateUserUseCase, OfficialNames],
  exports: [OfficialNames],
})
export class UsersModule {}
