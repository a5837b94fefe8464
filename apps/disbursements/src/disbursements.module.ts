import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { AuditTrailRpcModule, ServiceCoreModule, systemPingController, withEnvironment } from '@alur/platform';
import { BudgetsModule } from './budgets/budgets.module';
import { DISBURSEMENTS_MIGRATIONS, DISBURSEMENTS_AUDIT_OBJECTS } from './database/disbursements-schema';
import { DisbursementsFeatureModule } from './disbursements/disbursements-feature.module';
import { EvaluationModule } from './evaluation/evaluation.module';
import { FiscalCalendarModule } from './fiscal-calendar/fiscal-calendar.module';
import { ProgrammesModule } from './programmes/programmes.module';
import { ProgressModule } from './progress/progress.module';
import { ProposalSubmissionsModule } from './proposal-submissions/proposal-submissions.module';
import { ReportingModule } from './reporting/reporting.module';
import { TranchesModule } from './tranches/tranches.module';

function disbursementsMetadata(env?: NodeJS.ProcessEnv): ModuleMetadata {
  return {
    imports: [
      ServiceCoreModule.forService('disbursements', { env, migrations: DISBURSEMENTS_MIGRATIONS, usesRedis: false }),
      AuditTrailRpcModule.forService('disbursements', DISBURSEMENTS_AUDIT_OBJECTS),
      ProgrammesModule,
      BudgetsModule,
      TranchesModule,
      FiscalCalendarModule,
      DisbursementsFeatureModule,
      ProgressModule,
      ProposalSubmissionsModule,
      ReportingModule,
      EvaluationModule,
    ],
    controllers: [systemPingController('disbursements')],
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
