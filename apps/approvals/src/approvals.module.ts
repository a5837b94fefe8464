import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { RetentionModule } from '@alur/database';
import { AuditTrailRpcModule, ServiceCoreModule, systemPingController, withEnvironment } from '@alur/platform';
import { ActingModule } from './acting/acting.module';
import { ChainModule } from './chain/chain.module';
import { APPROVALS_ENTITIES, APPROVALS_MIGRATIONS, APPROVALS_RETENTION, APPROVALS_AUDIT_OBJECTS } from './database/approvals-schema';
import { DecisionsModule } from './decisions/decisions.module';
import { EvaluationModule } from './evaluation/evaluation.module';
import { InboxModule } from './inbox/inbox.module';
import { ReportingModule } from './reporting/reporting.module';
import { StagesModule } from './stages/stages.module';
import { TimersModule } from './timers/timers.module';
import { WorkingDaysModule } from './working-days/working-days.module';

function approvalsMetadata(env?: NodeJS.ProcessEnv): ModuleMetadata {
  return {
    imports: [
      ServiceCoreModule.forService('approvals', { env, entities: APPROVALS_ENTITIES, migrations: APPROVALS_MIGRATIONS, usesRedis: true }),
      AuditTrailRpcModule.forService('approvals', APPROVALS_AUDIT_OBJECTS),
      RetentionModule.forRules(APPROVALS_RETENTION),
      WorkingDaysModule,
      TimersModule,
      StagesModule,
      ChainModule,
      DecisionsModule,
      InboxModule,
      ActingModule,
      ReportingModule,
      EvaluationModule,
    ],
    controllers: [systemPingController('approvals')],
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
