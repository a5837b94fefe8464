import {
  Attributes,
  context,
  Context,
  propagation,
  ROOT_CONTEXT,
  Span,
  SpanKind,
  SpanStatusCode,
  trace,
  type Link,
  type TextMapGetter,
} from '@opentelemetry/api';

/**
 * W3C trace context as stored beside an outbox row, an inbound event or a job (`traceparent` and,
 * when a vendor set one, `tracestate`). Absent while tracing is off: nothing is written then.
 */
export type TraceCarrier = Record<string, string>;

/** The header names of W3C trace context, as they travel in NATS message headers. */
export const TRACE_HEADERS = ['traceparent', 'tracestate'] as const;

const TRACER = 'alur';

/** Reads NATS headers (`MsgHdrs`) or anything else with `get(name)`. */
const headerGetter: TextMapGetter<{ get(name: string): string } | undefined> = {
  get: (carrier, key) => carrier?.get(key) || undefined,
  keys: () => [...TRACE_HEADERS],
};

/** The trace context the current code runs in, to store with what it hands on; undefined while tracing is off. */
export function currentTraceCarrier(): TraceCarrier | undefined {
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ? carrier : undefined;
}

/** The trace context carried in message headers (NATS), as a carrier to store. */
export function traceCarrierOfHeaders(headers: { get(name: string): string } | undefined): TraceCarrier | undefined {
  if (!headers) return undefined;
  const carrier: TraceCarrier = {};
  for (const name of TRACE_HEADERS) {
    const value = headers.get(name);
    if (value) carrier[name] = value;
  }
  return carrier.traceparent ? carrier : undefined;
}

/** Writes the current trace context into message headers (NATS `MsgHdrs`). */
export function injectTraceHeaders(headers: { set(name: string, value: string): void }): void {
  const carrier = currentTraceCarrier();
  if (carrier) for (const [name, value] of Object.entries(carrier)) headers.set(name, value);
}

/** The context a stored or received trace context stands for, to start a span under it. */
export function contextOfCarrier(carrier: unknown): Context {
  if (typeof carrier !== 'object' || carrier === null) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, carrier);
}

export function contextOfHeaders(headers: { get(name: string): string } | undefined): Context {
  return propagation.extract(ROOT_CONTEXT, headers, headerGetter);
}

/** `fn`, to run later (after a commit, on a timer), in the trace context that is current now. */
export function keepTraceContext<F extends (...args: never[]) => unknown>(fn: F): F {
  return context.bind(context.active(), fn);
}

/** The trace a job continues: its parent when it runs at once, linked to it when it is an alarm set for later. */
export function jobSpanOptions(carrier: TraceCarrier | undefined, mode: 'child' | 'link', attributes: Attributes = {}): SpanOptions {
  const caused = contextOfCarrier(carrier);
  const cause = trace.getSpanContext(caused);
  if (mode === 'child' || !cause) return { kind: SpanKind.CONSUMER, parent: caused, attributes };
  return { kind: SpanKind.CONSUMER, parent: ROOT_CONTEXT, links: [{ context: cause }], attributes };
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** Where the work was caused: a stored or received trace context. Default: the current context. */
  parent?: Context;
  /** Spans that caused this one without being its parent (an alarm set days before). */
  links?: Link[];
}

/**
 * Runs `fn` in a new span that is current while it runs (so spans and trace contexts made inside
 * are its children), and ends it with an error status if `fn` throws. A no-op span while tracing is off.
 */
export function inSpan<T>(name: string, options: SpanOptions, fn: (span: Span) => Promise<T>): Promise<T> {
  const tracer = trace.getTracer(TRACER);
  return tracer.startActiveSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes, links: options.links },
    options.parent ?? context.active(),
    async (span) => {
      try {
        return await fn(span);
      } catch (error) {
        failSpan(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** Starts a span that the caller ends (for work that ends in a callback or an Observable). */
export function startSpan(name: string, options: SpanOptions): { span: Span; context: Context } {
  const parent = options.parent ?? context.active();
  const span = trace
    .getTracer(TRACER)
    .startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes, links: options.links }, parent);
  return { span, context: trace.setSpan(parent, span) };
}

export function failSpan(span: Span, error: unknown): void {
  if (!span.isRecording()) return;
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

export { SpanKind } from '@opentelemetry/api';
export type { Span, Context } from '@opentelemetry/api';
