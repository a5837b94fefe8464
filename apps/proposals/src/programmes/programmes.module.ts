import { Module } from '@nestjs/common';
import { AuditModule } from '@alur/audit';
import { RegionsModule } from '@alur/regions';
import { ProposalsPersistenceModule } from '../database/proposals-persistence.module';
import { ProgrammesRpcController } from './programmes.rpc-controller';
import { CreateProgrammeDraftUseCase } from './use-cases/create-programme-draft.use-case';
import { PublishProgrammeVersionUseCase } from './use-cases/publish-programme-version.use-case';
import { ReadProgrammesUseCase } from './use-cases/read-programmes.use-case';

/** Programmes: versions drafted and published by admins, read by everyone who writes or reviews proposals. */
@Module({
  imports: [AuditModule, RegionsModule, ProposalsPersistenceModule],
  controllers: [ProgrammesRpcController],
  providers: [ReadProgrammesUseCase, CreateProgrammeDraftUseCase, PublishProgrammeVersionUseCase],
  exports: [CreateProgrammeDraftUseCase, PublishProgrammeVersionUseCase],
})
export class ProgrammesModule {}
