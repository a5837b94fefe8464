import { Module } from '@nestjs/common';
import { AuditModule } from '@alur/audit';
import { RegionsModule } from '@alur/regions';
import { ApprovalsPersistenceModule } from '../database/approvals-persistence.module';
import { StagesModule } from '../stages/stages.module';
import { DecisionsRpcController } from './decisions.rpc-controller';
import { DecideStageUseCase } from './use-cases/decide-stage.use-case';

/** Decisions on approval stages: approve, return or reject, by the official (or acting official) in charge. */
@Module({
  imports: [AuditModule, RegionsModule, ApprovalsPersistenceModule, StagesModule],
  controllers: [DecisionsRpcController],
  providers: [DecideStageUseCase],
})
export class DecisionsModule {}
