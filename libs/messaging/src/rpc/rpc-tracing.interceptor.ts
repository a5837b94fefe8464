import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { NatsContext } from '@nestjs/microservices';
import { context as otelContext } from '@opentelemetry/api';
import { Observable } from 'rxjs';
import { contextOfHeaders, failSpan, SpanKind, startSpan, tracingEnabled } from '@alur/observability';
import { rpcPatternOf } from './rpc-subject';

/**
 * A server span per request a service answers (`rpc proposals.submit`), under the caller's span whose
 * W3C trace context came in the NATS headers, and current while the handler runs: the events it
 * records carry the same trace. Passes requests through untouched while tracing is off.
 */
@Injectable()
export class RpcTracingInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc' || !tracingEnabled()) return next.handle();
    const nats = context.switchToRpc().getContext<NatsContext>();
    const { span, context: active } = startSpan(`rpc ${rpcPatternOf(nats.getSubject())}`, {
      kind: SpanKind.SERVER,
      parent: contextOfHeaders(nats.getHeaders()),
      attributes: { 'messaging.system': 'nats', 'rpc.method': rpcPatternOf(nats.getSubject()) },
    });
    return new Observable((subscriber) =>
      // Subscribing inside the span's context runs the handler in it (Nest calls the handler on subscription).
      otelContext.with(active, () =>
        next.handle().subscribe({
          next: (value) => subscriber.next(value),
          error: (error) => {
            failSpan(span, error);
            span.end();
            subscriber.error(error);
          },
          complete: () => {
            span.end();
            subscriber.complete();
          },
        }),
      ),
    );
  }
}
