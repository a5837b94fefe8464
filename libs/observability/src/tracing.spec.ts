import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { baseEnvSchema, parseEnv } from '@alur/config';
import { contextOfCarrier, currentTraceCarrier, inSpan, jobSpanOptions, keepTraceContext, SpanKind } from './tracing';
import { startTracing, tracingEnabled } from './tracing-setup';

const env = (vars: Record<string, string> = {}) => parseEnv(baseEnvSchema, { NODE_ENV: 'test', ...vars });

describe('tracing', () => {
  it('is off unless an OTLP endpoint is configured, and then writes no trace context anywhere', async () => {
    expect(env().OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    expect(startTracing('proposals', env())).toBeUndefined();
    expect(tracingEnabled()).toBe(false);
    const carrier = await inSpan('rpc proposals.submit', {}, async () => currentTraceCarrier());
    expect(carrier).toBeUndefined();
  });

  it('takes an http(s) endpoint and a sampling ratio between 0 and 1', () => {
    expect(env({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toMatchObject({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_TRACES_SAMPLER_ARG: 1,
    });
    expect(() => env({ OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://collector:4317' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
    expect(() => env({ OTEL_TRACES_SAMPLER_ARG: '1.5' })).toThrow(/OTEL_TRACES_SAMPLER_ARG/);
  });

  describe('when on (in-memory exporter)', () => {
    const exporter = new InMemorySpanExporter();
    let tracing: ReturnType<typeof startTracing>;

    beforeAll(() => {
      tracing = startTracing('notifications', env(), [new SimpleSpanProcessor(exporter)]);
    });
    afterAll(() => tracing?.shutdown());
    beforeEach(() => exporter.reset());

    it('continues a stored trace context where the work is done later, and marks a failure', async () => {
      const stored = await inSpan('outbox record proposals.proposal-submitted.v1', { kind: SpanKind.PRODUCER }, async () =>
        currentTraceCarrier(),
      );
      expect(stored?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);

      await expect(
        inSpan('event proposals.proposal-submitted.v1 handle', { kind: SpanKind.CONSUMER, parent: contextOfCarrier(stored) }, async () => {
          throw new Error('village unknown');
        }),
      ).rejects.toThrow('village unknown');

      const [recorded, handled] = exporter.getFinishedSpans();
      expect(handled.spanContext().traceId).toBe(recorded.spanContext().traceId);
      expect(handled.parentSpanContext?.spanId).toBe(recorded.spanContext().spanId);
      expect(handled.status).toMatchObject({ code: 2, message: 'village unknown' });
    });

    it('runs work after a commit in the trace of who asked for it', async () => {
      let later: (() => Promise<string | undefined>) | undefined;
      await inSpan('event approvals.approval-stage-opened.v1 handle', {}, async () => {
        later = keepTraceContext(async () => currentTraceCarrier()?.traceparent);
      });
      const [handled] = exporter.getFinishedSpans();
      expect(await later!()).toContain(handled.spanContext().spanId);
    });

    it('puts a delivery job under its cause and links a timer firing to what set it, in a trace of its own', async () => {
      const cause = await inSpan('event approvals.approval-stage-opened.v1 handle', {}, async () => currentTraceCarrier());
      await inSpan('job deliver', jobSpanOptions(cause, 'child'), async () => undefined);
      await inSpan('job reminder-before', jobSpanOptions(cause, 'link'), async () => undefined);
      const [handled, deliver, reminder] = exporter.getFinishedSpans();
      expect(deliver.parentSpanContext?.spanId).toBe(handled.spanContext().spanId);
      expect(reminder.parentSpanContext).toBeUndefined();
      expect(reminder.spanContext().traceId).not.toBe(handled.spanContext().traceId);
      expect(reminder.links.map((l) => l.context.spanId)).toEqual([handled.spanContext().spanId]);
    });
  });
});
