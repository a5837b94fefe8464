import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { AuditModule } from '@alur/audit';
import { AfterCommit, RetentionModule } from '@alur/database';
import { JobsModule, STAGE_TIMERS_QUEUE } from '@alur/jobs';
import { ServiceCoreModule, systemPingController, withEnvironment } from '@alur/platform';
import { RegionsModule } from '@alur/regions';
import { AppointActingOfficialUseCase } from './acting/appoint-acting-official.use-case';
import { EndActingAppointmentUseCase } from './acting/end-acting-appointment.use-case';
import { ListActingAppointmentsUseCase } from './acting/list-acting-appointments.use-case';
import { ApprovalsRpcController } from './approvals.rpc-controller';
import { ProposalSubmissionsHandler } from './chain/proposal-submissions.handler';
import { StartApprovalChainUseCase } from './chain/start-approval-chain.use-case';
import { WithdrawFromChainUseCase } from './chain/withdraw-from-chain.use-case';
import { APPROVALS_ENTITIES, APPROVALS_MIGRATIONS, APPROVALS_RETENTION } from './database/approvals-schema';
import { DecideStageUseCase } from './decisions/decide-stage.use-case';
import { ListInboxUseCase } from './inbox/list-inbox.use-case';
import { ApprovalsReportingModule } from './reporting/approvals-reporting.module';
import { EvaluateStagesUseCase } from './reporting/evaluate-stages.use-case';
import { EvaluationRpcController } from './reporting/evaluation.rpc-controller';
import { ListProposalStagesUseCase } from './stages/list-proposal-stages.use-case';
import { StageCloser } from './stages/stage-closer.service';
import { StageOpener } from './stages/stage-opener.service';
import { FireStageTimerUseCase } from './timers/fire-stage-timer.use-case';
import { StageTimerProcessor } from './timers/stage-timer.processor';
import { StageTimerReconciler } from './timers/stage-timer-reconciler.service';
import { APPROVAL_STAGE_FIGURES } from './stages/approval-stage-figures.providers';
import { StageTimerScheduler } from './timers/stage-timer-scheduler.service';
import { AddHolidayUseCase } from './working-days/add-holiday.use-case';
import { ListHolidaysUseCase } from './working-days/list-holidays.use-case';
import { WorkingCalendar } from './working-days/working-calendar.service';

function approvalsMetadata(env?: NodeJS.ProcessEnv): ModuleMetadata {
  return {
    imports: [
      ServiceCoreModule.forService('approvals', { env, entities: APPROVALS_ENTITIES, migrations: APPROVALS_MIGRATIONS, usesRedis: true }),
      RetentionModule.forRules(APPROVALS_RETENTION),
      JobsModule.forQueues(STAGE_TIMERS_QUEUE),
      AuditModule,
      RegionsModule,
      ApprovalsReportingModule,
    ],
    // The evaluation is here, not in the reporting module, because it counts on the service's one working calendar.
    controllers: [systemPingController('approvals'), ApprovalsRpcController, EvaluationRpcController],
    providers: [
      AfterCommit,
      WorkingCalendar,
      StageTimerScheduler,
      StageTimerProcessor,
      StageTimerReconciler,
      FireStageTimerUseCase,
      StageOpener,
      StageCloser,
      StartApprovalChainUseCase,
      WithdrawFromChainUseCase,
      ProposalSubmissionsHandler,
      DecideStageUseCase,
      ListInboxUseCase,
      ListProposalStagesUseCase,
      AppointActingOfficialUseCase,
      ListActingAppointmentsUseCase,
      EndActingAppointmentUseCase,
      AddHolidayUseCase,
      ListHolidaysUseCase,
      EvaluateStagesUseCase,
      ...APPROVAL_STAGE_FIGURES,
    ],
  };
}

/** Staged approval of proposals, with reminders and escalation on working-day deadlines. Reads process.env. */
@Module(approvalsMetadata())
export class ApprovalsModule {
  /** The same service with `env` in place of process.env: tests and the benchmark run it in-process. */
  static forRoot(env: NodeJS.ProcessEnv): DynamicModule {
    return withEnvironment(approvalsMetadata, env);
  }
}
