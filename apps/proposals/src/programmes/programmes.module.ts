import { Module } from '@nestjs/common';
import { AuditModule } from '@alur/audit';
import { RegionsModule } from '@alur/regions';
import { ProgrammeCatalogue } from './programme-catalogue.service';
import { ProgrammesRpcController } from './programmes.rpc-controller';
import { CreateProgrammeDraftUseCase } from './use-cases/create-programme-draft.use-case';
import { PublishProgrammeVersionUseCase } from './use-cases/publish-programme-version.use-case';
import { ReadProgrammesUseCase } from './use-cases/read-programmes.use-case';

@Module({
  imports: [AuditModule, RegionsModule],
  controllers: [ProgrammesRpcController],
  providers: [ProgrammeCatalogue, ReadProgrammesUseCase, CreateProgrammeDraftUseCase, PublishProgrammeVersionUseCase],
  exports: [ProgrammeCatalogue, CreateProgrammeDraftUseCase, PublishProgrammeVersionUseCase],
})
export class ProgrammesModule {}
