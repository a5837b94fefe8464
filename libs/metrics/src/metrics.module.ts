import { Controller, DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { collectDefaultMetrics, register } from 'prom-client';
import { ServiceName } from '@alur/config';
import { SPINE_EVENT_COUNTERS } from '@alur/messaging';
import { MetricsServer } from './metrics-server';
import { HttpRequestMetrics, REQUEST_METRIC_PROVIDERS } from './request-metrics';
import { RpcMetricsInterceptor } from './rpc-metrics.interceptor';
import { SPINE_EVENT_METRIC_PROVIDERS } from './spine-event-metrics';
import { SPINE_FIGURE_PROVIDERS } from './spine-figures.providers';
import { TIMER_METRIC_PROVIDERS, TimerMetrics } from './timer-metrics';

/** Takes the place of the module's own controller: /metrics is served on its own port (MetricsServer), not in the app. */
@Controller()
class NoMetricsRoute {}

/** Process and Node.js figures (CPU, memory, event-loop lag, GC), once per process even when tests start several services. */
class DefaultMetrics implements OnModuleInit {
  constructor(private readonly service: ServiceName) {}

  onModuleInit(): void {
    if (!register.getSingleMetric('process_cpu_user_seconds_total')) collectDefaultMetrics();
    register.setDefaultLabels({ service: this.service });
  }
}

/**
 * Prometheus metrics of a service: HTTP and request/reply latency, the event spine's figures (outbox
 * backlog and age, dead letters, consumer lag), the events and timers counted as they pass (spine
 * event counters, TimerMetrics for the services' BullMQ timers) and the database pool. A service adds figures of its
 * own domain (open and overdue stages, deliveries) as providers made with makeFigureProvider.
 */
@Module({})
export class MetricsModule {
  static forService(service: ServiceName): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      imports: [PrometheusModule.register({ controller: NoMetricsRoute, defaultMetrics: { enabled: false } })],
      providers: [
        { provide: DefaultMetrics, useFactory: () => new DefaultMetrics(service) },
        ...REQUEST_METRIC_PROVIDERS,
        ...SPINE_FIGURE_PROVIDERS,
        ...SPINE_EVENT_METRIC_PROVIDERS,
        ...TIMER_METRIC_PROVIDERS,
        HttpRequestMetrics,
        { provide: APP_INTERCEPTOR, useClass: RpcMetricsInterceptor },
        MetricsServer,
      ],
      exports: [HttpRequestMetrics, MetricsServer, SPINE_EVENT_COUNTERS, TimerMetrics],
    };
  }
}
