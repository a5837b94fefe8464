import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { AuditTrailRpcModule, ServiceCoreModule, systemPingController, withEnvironment } from '@alur/platform';
import { PROPOSALS_ENTITIES, PROPOSALS_MIGRATIONS, PROPOSALS_AUDIT_OBJECTS } from './database/proposals-schema';
import { EvaluationModule } from './evaluation/evaluation.module';
import { FundingModule } from './funding/funding.module';
import { ProgrammesModule } from './programmes/programmes.module';
import { ProposalsFeatureModule } from './proposals/proposals-feature.module';
import { ReviewModule } from './review/review.module';

function proposalsMetadata(env?: NodeJS.ProcessEnv): ModuleMetadata {
  return {
    imports: [
      ServiceCoreModule.forService('proposals', { env, usesRedis: false, entities: PROPOSALS_ENTITIES, migrations: PROPOSALS_MIGRATIONS }),
      AuditTrailRpcModule.forService('proposals', PROPOSALS_AUDIT_OBJECTS),
      ProgrammesModule,
      ProposalsFeatureModule,
      ReviewModule,
      FundingModule,
      EvaluationModule,
    ],
    controllers: [systemPingController('proposals')],
  };
}

/** The proposals service: programmes and the proposals written under them. Reads process.env. */
@Module(proposalsMetadata())
export class ProposalsModule {
  /** The same service with `env` in place of process.env: tests run it in-process against their own isolation. */
  static forRoot(env: NodeJS.ProcessEnv): DynamicModule {
    return withEnvironment(proposalsMetadata, env);
  }
}
