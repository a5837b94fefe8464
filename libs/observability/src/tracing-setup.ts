import { context, propagation, trace } from '@opentelemetry/api';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { BaseEnv } from '@alur/config';

/** Whether this process records spans; boundaries skip their tracing work when it does not. */
export function tracingEnabled(): boolean {
  return started !== undefined;
}

export interface Tracing {
  /** Exports what is still buffered and stops; called when the service shuts down. */
  shutdown(): Promise<void>;
}

let started: { provider: NodeTracerProvider; users: number } | undefined;

/**
 * Turns tracing on when OTEL_EXPORTER_OTLP_ENDPOINT is set: spans of this process go in batches over
 * OTLP/HTTP to `<endpoint>/v1/traces`, named by service, with W3C trace context as the propagation
 * format. Unset, nothing is registered (nor the SDK loaded) and the OpenTelemetry API stays its no-op
 * self: spans cost a function call and no trace context is written anywhere. One provider per process:
 * services started together in one process (tests) share the first one's. `processors` replace the OTLP export (a test's
 * in-memory exporter) and turn tracing on without an endpoint.
 */
export function startTracing(
  service: string,
  env: Pick<BaseEnv, 'OTEL_EXPORTER_OTLP_ENDPOINT' | 'OTEL_TRACES_SAMPLER_ARG'>,
  processors?: SpanProcessor[],
): Tracing | undefined {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT && !processors) return undefined;
  if (!started) {
    // The SDK is loaded only when tracing is on: 0.07 s and about 5 MiB in each service that would never use it.
    const { W3CTraceContextPropagator } = require('@opentelemetry/core') as typeof import('@opentelemetry/core');
    const { OTLPTraceExporter } =
      require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
    const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
    const { BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler } =
      require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
    const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
    const exporter = () => new OTLPTraceExporter({ url: `${env.OTEL_EXPORTER_OTLP_ENDPOINT!.replace(/\/+$/, '')}/v1/traces` });
    const provider = new NodeTracerProvider({
      resource: resourceFromAttributes({ 'service.name': service, 'service.namespace': 'alur' }),
      // A trace begun upstream keeps its caller's decision; new traces are kept at the configured ratio.
      sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(env.OTEL_TRACES_SAMPLER_ARG) }),
      spanProcessors: processors ?? [new BatchSpanProcessor(exporter())],
    });
    provider.register({ propagator: new W3CTraceContextPropagator() });
    started = { provider, users: 0 };
  }
  const current = started;
  current.users++;
  let stopped = false;
  return {
    async shutdown() {
      if (stopped) return;
      stopped = true;
      if (--current.users > 0) return void (await current.provider.forceFlush());
      await current.provider.shutdown();
      if (started !== current) return;
      started = undefined;
      // Back to the no-op API, so that a service started later in this process may register again.
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
