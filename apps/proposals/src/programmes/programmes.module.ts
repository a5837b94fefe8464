import { Module } from '@nestjs/common';
import { AuditModule } from '@alur/audit';
import { Transactions } from '@alur/database';
import { RegionsModule } from '@alur/regions';
import { ProgrammeRepository } from './programme.repository';
import { ProgrammesRpcController } from './programmes.rpc-controller';
import { CreateProgrammeDraftUseCase } from './use-cases/create-programme-draft.use-case';
import { PublishProgrammeVersionUseCase } from './use-cases/publish-programme-version.use-case';
import { ReadProgrammesUseCase } from './use-cases/read-programmes.use-case';

/** Programmes: versions drafted and published by admins, read by everyone who writes or reviews proposals. */
@Module({
  imports: [AuditModule, RegionsModule],
  controllers: [ProgrammesRpcController],
  providers: [Transactions, ProgrammeRepository, ReadProgrammesUseCase, CreateProgrammeDraftUseCase, PublishProgrammeVersionUseCase],
  exports: [ProgrammeRepository, CreateProgrammeDraftUseCase, PublishProgrammeVersionUseCase],
})
export class ProgrammesModule {}
