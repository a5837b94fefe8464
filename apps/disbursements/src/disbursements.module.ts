import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { AuditModule } from '@alur/audit';
import { RetentionModule } from '@alur/database';
import { ServiceCoreModule, systemPingController, withEnvironment } from '@alur/platform';
import { RegionsModule } from '@alur/regions';
import { BudgetCommitment } from './budgets/budget-commitment.service';
import { BudgetsRpcController } from './budgets/budgets.rpc-controller';
import { ListBudgetsUseCase } from './budgets/use-cases/list-budgets.use-case';
import { ProposalApprovedHandler } from './budgets/proposal-approved.handler';
import { ProposalWithdrawnHandler } from './budgets/proposal-withdrawn.handler';
import { SetCeilingUseCase } from './budgets/use-cases/set-ceiling.use-case';
import { IdempotencyKeys } from './common/idempotency';
import { DisbursementsPersistenceModule } from './database/disbursements-persistence.module';
import { DISBURSEMENTS_MIGRATIONS, DISBURSEMENTS_RETENTION } from './database/disbursements-schema';
import { DisbursementViews } from './disbursements/disbursement-view';
import { DisbursementsRpcController } from './disbursements/disbursements.rpc-controller';
import { ListDisbursementsUseCase } from './disbursements/use-cases/list-disbursements.use-case';
import { TrancheLocks } from './disbursements/locked-tranche';
import { PrepareSpmUseCase } from './disbursements/use-cases/prepare-spm.use-case';
import { ReleaseTrancheUseCase } from './disbursements/use-cases/release-tranche.use-case';
import { ReturnSpmUseCase } from './disbursements/use-cases/return-spm.use-case';
import { EvaluationModule } from './evaluation/evaluation.module';
import { FiscalCalendarModule } from './fiscal-calendar/fiscal-calendar.module';
import { ProgrammePublishedHandler } from './programmes/programme-published.handler';
import { ProgressRpcController } from './progress/progress.rpc-controller';
import { ListProgressReportsUseCase } from './progress/use-cases/list-progress-reports.use-case';
import { ProposalSubmittedHandler } from './progress/proposal-submitted.handler';
import { ReportProgressUseCase } from './progress/use-cases/report-progress.use-case';
import { VerifyProgressReportUseCase } from './progress/use-cases/verify-progress-report.use-case';
import { DisbursementsReportingModule } from './reporting/reporting.module';
import { TrancheProgression } from './tranches/tranche-progression.service';

function disbursementsMetadata(env?: NodeJS.ProcessEnv): ModuleMetadata {
  return {
    imports: [
      ServiceCoreModule.forService('disbursements', { env, migrations: DISBURSEMENTS_MIGRATIONS, usesRedis: false }),
      RetentionModule.forRules(DISBURSEMENTS_RETENTION),
      AuditModule,
      RegionsModule,
      DisbursementsPersistenceModule,
      DisbursementsReportingModule,
      FiscalCalendarModule,
      EvaluationModule,
    ],
    controllers: [systemPingController('disbursements'), BudgetsRpcController, DisbursementsRpcController, ProgressRpcController],
    providers: [
      ProgrammePublishedHandler,
      ProposalApprovedHandler,
      ProposalWithdrawnHandler,
      BudgetCommitment,
      ListBudgetsUseCase,
      SetCeilingUseCase,
      ListDisbursementsUseCase,
      PrepareSpmUseCase,
      ReleaseTrancheUseCase,
      ReturnSpmUseCase,
      ReportProgressUseCase,
      ListProgressReportsUseCase,
      VerifyProgressReportUseCase,
      ProposalSubmittedHandler,
      TrancheProgression,
      TrancheLocks,
      DisbursementViews,
      IdempotencyKeys,
    ],
  };
}

/** Budget ceilings (pagu), commitments, tranches (termin), releases by BPKAD, progress reports and their verification on site. Reads process.env. */
@Module(disbursementsMetadata())
export class DisbursementsModule {
  /** The same service with `env` in place of process.env: tests run it in-process against their own isolation. */
  static forRoot(env: NodeJS.ProcessEnv): DynamicModule {
    return withEnvironment(disbursementsMetadata, env);
  }
}
