import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { RpcClientModule } from '@alur/messaging';
import { ServiceCoreModule, withEnvironment } from '@alur/platform';
import { RegionsModule } from '@alur/regions';
import { ApprovalsGatewayModule } from './approvals/approvals-gateway.module';
import { SecurityAuditModule } from './audit/security-audit.module';
import { AuthModule } from './auth/auth.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { DisbursementsGatewayModule } from './disbursements/disbursements-gateway.module';
import { DomainErrorFilter } from './http/domain-error.filter';
import { IdempotencyKeyInterceptor } from './http/idempotency-key.interceptor';
import { createValidationPipe } from './http/validation';
import { GATEWAY_MIGRATIONS } from './migrations/gateway-migrations';
import { NotificationsGatewayModule } from './notifications/notifications-gateway.module';
import { ProgrammesController } from './programmes/programmes.controller';
import { ProposalsController } from './proposals/proposals.controller';
import { QueueBoardModule } from './queue-board/queue-board.module';
import { RegionsGatewayModule } from './regions/regions.module';
import { SystemSpineController } from './system/system-spine.controller';
import { SystemStatusController } from './system/system-status.controller';
import { TransparencyModule } from './transparency/transparency.module';
import { UploadsModule } from './uploads/uploads.module';
import { UsersModule } from './users/users.module';

function gatewayMetadata(env?: NodeJS.ProcessEnv): ModuleMetadata {
  return {
    imports: [
      // No TypeORM entities: each of the gateway's tables has its repository (GatewayPersistenceModule).
      ServiceCoreModule.forService('gateway', { env, migrations: GATEWAY_MIGRATIONS }),
      RpcClientModule,
      SecurityAuditModule,
      AuthModule,
      UsersModule,
      RegionsModule,
      DisbursementsGatewayModule,
      ApprovalsGatewayModule,
      NotificationsGatewayModule,
      QueueBoardModule,
      TransparencyModule,
      DashboardModule,
      RegionsGatewayModule,
      UploadsModule,
    ],
    controllers: [SystemStatusController, SystemSpineController, ProposalsController, ProgrammesController],
    providers: [
      { provide: APP_PIPE, useFactory: createValidationPipe },
      // Any write may carry an Idempotency-Key; it travels to the service that carries the write out.
      { provide: APP_INTERCEPTOR, useClass: IdempotencyKeyInterceptor },
      // Registered with the module, not in configureGateway, so every way of starting the gateway answers refusals alike.
      { provide: APP_FILTER, useClass: DomainErrorFilter },
    ],
  };
}

/** The public HTTP face of Alur: login, and every route the BKM and officials use. Reads process.env. */
@Module(gatewayMetadata())
export class GatewayModule {
  /** The same gateway with `env` in place of process.env: tests run it in-process against their own isolation. */
  static forRoot(env: NodeJS.ProcessEnv): DynamicModule {
    return withEnvironment(gatewayMetadata, env);
  }
}
