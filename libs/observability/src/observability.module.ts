import { randomUUID } from 'node:crypto';
import { DynamicModule, ExecutionContext, Module } from '@nestjs/common';
import { ClsModule, ClsService } from 'nestjs-cls';
import { LoggerModule } from 'nestjs-pino';
import { APP_ENV, BaseEnv, SERVICE_NAME } from '@alur/config';
import { CORRELATION_HEADER, requestLogOptions } from './request-log';
import { TracingLifecycle } from './tracing.lifecycle';

export { CORRELATION_HEADER } from './request-log';

/** Context keys that carry the correlation id and actor from a request or event into new events. */
export const CLS_CORRELATION_ID = 'correlationId';
export const CLS_ACTOR = 'actor';
/** The client's Idempotency-Key of the HTTP request being served (the gateway), passed on to the service that carries it out. */
export const CLS_IDEMPOTENCY_KEY = 'idempotencyKey';

/** Accepts a caller's correlation id only when it looks like one, so logs cannot be forged or flooded. */
export function correlationFrom(value: unknown): string {
  return typeof value === 'string' && /^[A-Za-z0-9._:-]{8,128}$/.test(value) ? value : randomUUID();
}

/**
 * The request's correlation id, made once: the request context and the request log both ask, in
 * either order, and must agree, so the first to ask leaves it in the header for the other.
 */
function correlationOfRequest(req: { headers: Record<string, unknown> }): string {
  const id = correlationFrom(req.headers[CORRELATION_HEADER]);
  req.headers[CORRELATION_HEADER] = id;
  return id;
}

/**
 * Structured JSON logs (pino) and a request context (CLS) holding the correlation id: taken from
 * the `x-correlation-id` header or an RPC request's meta, or made new, and carried into every log
 * line, every event recorded, and every request passed on to another service. With
 * OTEL_EXPORTER_OTLP_ENDPOINT set, also OpenTelemetry traces (TracingLifecycle).
 */
@Module({})
export class ObservabilityModule {
  static forRoot(): DynamicModule {
    return {
      module: ObservabilityModule,
      providers: [TracingLifecycle],
      imports: [
        ClsModule.forRoot({
          global: true,
          // No proxy providers here; resolving them (on by default) costs a require() lookup per request.
          middleware: {
            mount: true,
            resolveProxyProviders: false,
            setup: (cls: ClsService, req: { headers: Record<string, unknown> }) => {
              cls.set(CLS_CORRELATION_ID, correlationOfRequest(req));
            },
          },
          interceptor: {
            mount: true,
            resolveProxyProviders: false,
            setup: (cls: ClsService, context: ExecutionContext) => {
              if (context.getType() !== 'rpc') return;
              const meta = (context.switchToRpc().getData() as { meta?: { correlationId?: string; actor?: unknown } })?.meta;
              cls.set(CLS_CORRELATION_ID, correlationFrom(meta?.correlationId));
              cls.set(CLS_ACTOR, meta?.actor ?? null);
            },
          },
        }),
        LoggerModule.forRootAsync({
          inject: [APP_ENV, SERVICE_NAME, ClsService],
          useFactory: (env: BaseEnv, service: string, cls: ClsService) => ({
            pinoHttp: {
              level: env.LOG_LEVEL,
              base: { service },
              // No headers or bodies are logged, so there is no token or cookie to redact.
              ...requestLogOptions((req) => correlationOfRequest(req as { headers: Record<string, unknown> })),
              mixin: () => (cls.isActive() && cls.get(CLS_CORRELATION_ID) ? { correlationId: cls.get(CLS_CORRELATION_ID) } : {}),
            },
          }),
        }),
      ],
    };
  }
}
