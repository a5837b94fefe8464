import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { EntitySchema, MixedList } from 'typeorm';
import { AUDIT_TRAIL_MIGRATIONS } from '@alur/audit';
import { AlurConfigModule, ServiceName } from '@alur/config';
import { CreateIdempotentRequests1765200000000, DatabaseModule, RetentionModule } from '@alur/database';
import { HealthModule } from '@alur/health';
import {
  MESSAGING_MIGRATIONS,
  MessagingModule,
  MessagingModuleOptions,
  RpcCallerGuard,
  RpcIdempotencyInterceptor,
  RpcTracingInterceptor,
} from '@alur/messaging';
import { ObservabilityModule } from '@alur/observability';
import { OpsLoopbackGuard } from './ops-loopback.guard';

export interface ServiceCoreOptions {
  entities?: MixedList<Function | string | EntitySchema>;
  /** The service's own migrations; the messaging tables' migration is added in front. */
  migrations?: Array<new () => unknown>;
  /** Whether the service uses Redis (BullMQ), so that /health checks it. */
  usesRedis?: boolean;
  messaging?: MessagingModuleOptions;
  /** Overrides process.env (tests run several services in one process). */
  env?: NodeJS.ProcessEnv;
}

/** What every Alur service stands on: validated config, logs, its own schema, the event spine, health. */
@Module({})
export class ServiceCoreModule {
  static forService(service: ServiceName, options: ServiceCoreOptions = {}): DynamicModule {
    return {
      module: ServiceCoreModule,
      imports: [
        AlurConfigModule.forService(service, { env: options.env }),
        ObservabilityModule.forRoot(),
        DatabaseModule.forService({
          entities: options.entities ?? [],
          migrations: [...MESSAGING_MIGRATIONS, CreateIdempotentRequests1765200000000, ...withAuditTrail(options.migrations ?? [])],
        }),
        MessagingModule.forService(options.messaging),
        HealthModule.forService({ redis: options.usesRedis ?? false }),
        // A retry comes within minutes or hours; a month of keys is plenty.
        RetentionModule.forRules([{ table: 'idempotent_request', olderThan: 'created_at', hours: 30 * 24 }]),
      ],
      providers: [
        // Requests over NATS are answered only for a caller the gateway asserted (see RpcCallerGuard).
        { provide: APP_GUARD, useClass: RpcCallerGuard },
        // A span per request answered, continuing the caller's trace (only while tracing is on).
        { provide: APP_INTERCEPTOR, useClass: RpcTracingInterceptor },
        // Past the gateway's deadline a request is not started; with an Idempotency-Key it is carried out once.
        { provide: APP_INTERCEPTOR, useClass: RpcIdempotencyInterceptor },
        // A domain service's /ops/ is for its own machine; the gateway's is for ADMIN (its RolesGuard).
        ...(service === 'gateway' ? [] : [{ provide: APP_GUARD, useClass: OpsLoopbackGuard }]),
      ],
    };
  }
}

/** Every service keeps an audit trail (the spine records operators' dead-letter replays and skips in it). */
function withAuditTrail(migrations: Array<new () => unknown>): Array<new () => unknown> {
  return [...AUDIT_TRAIL_MIGRATIONS.filter((migration) => !migrations.includes(migration)), ...migrations];
}
