import { DynamicModule, INestApplication, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CustomStrategy } from '@nestjs/microservices';
import { Logger } from 'nestjs-pino';
import { APP_ENV, BaseEnv, ConfigValidationError, natsAuthOf, portOf, ServiceName } from '@alur/config';
import { PrefixedNatsServer, RpcExceptionFilter } from '@alur/messaging';
import { HttpRequestMetrics, MetricsModule, MetricsServer, metricsPortOf } from '@alur/metrics';
import { httpTracingMiddleware, tracingEnabled } from '@alur/observability';
import { IDLE_HEAP_COLLECTOR } from './idle-heap-collector';

export interface StartOptions {
  /** Whether the service answers requests from the gateway over NATS. */
  rpc?: boolean;
  configure?: (app: INestApplication) => void | Promise<void>;
}

/** The service's module with Prometheus metrics and the idle heap collector beside it. */
@Module({ providers: [IDLE_HEAP_COLLECTOR] })
class ServiceWithMetrics {}

/** Creates the application, wires logging, request/reply and shutdown, and listens. */
export async function createServiceApp(module: Type<unknown> | DynamicModule, service: ServiceName, options: StartOptions = {}) {
  // abortOnError off: a failed start-up throws here, so startService can report it and exit cleanly.
  const root = { module: ServiceWithMetrics, imports: [module, MetricsModule.forService(service)] };
  const app = await NestFactory.create(root, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const env = app.get<BaseEnv>(APP_ENV);
  if (env.NODE_ENV === 'production' && !env.NATS_USER) {
    // Without its own user a service could act as any other on the bus: production runs NATS with users.
    await app.close();
    throw new ConfigValidationError(
      'Invalid configuration:\n  NATS_USER: is required in production, with NATS_PASSWORD (the service’s own NATS user)',
    );
  }
  // A server span per request, only while tracing is on (OTEL_EXPORTER_OTLP_ENDPOINT).
  if (tracingEnabled()) app.use(httpTracingMiddleware);
  app.use(app.get(HttpRequestMetrics).middleware);
  if (options.rpc) {
    // Before connecting: the microservice resolves its global filters when it registers its handlers.
    app.useGlobalFilters(new RpcExceptionFilter());
    app.connectMicroservice<CustomStrategy>(
      {
        strategy: new PrefixedNatsServer(env.NATS_SUBJECT_PREFIX, {
          servers: env.NATS_URL,
          queue: service,
          name: `alur-${service}-rpc`,
          ...natsAuthOf(env),
        }),
      },
      { inheritAppConfig: true },
    );
  }
  await options.configure?.(app);
  if (options.rpc) await app.startAllMicroservices();
  await app.listen(portOf(env, service), env.HTTP_HOST);
  await app.get(MetricsServer).listen(metricsPortOf(env, service), env.HTTP_HOST);
  return app;
}

/** The `main.ts` of every service: a bad configuration ends the process with a message naming it. */
export async function startService(module: Type<unknown> | DynamicModule, service: ServiceName, options: StartOptions = {}): Promise<void> {
  try {
    const app = await createServiceApp(module, service, options);
    app.get(Logger).log(`${service} listening on ${await app.getUrl()}, metrics on ${app.get(MetricsServer).url}`);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`${service}: ${error.message}\n`);
    } else {
      process.stderr.write(`${service}: failed to start: ${(error as Error).stack ?? error}\n`);
    }
    process.exit(1);
  }
}
