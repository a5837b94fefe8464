import { Module } from '@nestjs/common';
import { AuditModule } from '@alur/audit';
import { RegionsModule } from '@alur/regions';
import { ApprovalsPersistenceModule } from '../database/approvals-persistence.module';
import { TimersModule } from '../timers/timers.module';
import { WorkingDaysModule } from '../working-days/working-days.module';
import { APPROVAL_STAGE_FIGURES } from './approval-stage-figures.providers';
import { StageCloser } from './stage-closer.service';
import { StageOpener } from './stage-opener.service';
import { StagesRpcController } from './stages.rpc-controller';
import { ListProposalStagesUseCase } from './use-cases/list-proposal-stages.use-case';

/** Approval stages: opening and closing them (with their timers), listing a proposal's, and their figures. */
@Module({
  imports: [AuditModule, RegionsModule, ApprovalsPersistenceModule, TimersModule, WorkingDaysModule],
  controllers: [StagesRpcController],
  // AfterCommit comes with the service's MessagingModule (the outbox's wake-up uses it too).
  providers: [StageOpener, StageCloser, ListProposalStagesUseCase, ...APPROVAL_STAGE_FIGURES],
  exports: [StageOpener, StageCloser],
})
export class StagesModule {}
