import type { IncomingMessage, ServerResponse } from 'node:http';
import { context } from '@opentelemetry/api';
import { contextOfCarrier, failSpan, SpanKind, startSpan } from './tracing';

interface RoutedRequest extends IncomingMessage {
  baseUrl?: string;
  route?: { path?: string };
}

/**
 * A server span per HTTP request (`HTTP POST /api/v1/proposals/:id/submit`), continuing a caller's
 * `traceparent` when it sent one, and current while the request is handled so that what it causes —
 * requests to services, events — belongs to the same trace. Mounted only while tracing is on.
 */
export function httpTracingMiddleware(req: RoutedRequest, res: ServerResponse, next: () => void): void {
  // Probes every few seconds would bury the traces people look for (the request log skips them too).
  if (req.url === '/health') return next();
  const { span, context: active } = startSpan(`HTTP ${req.method}`, {
    kind: SpanKind.SERVER,
    parent: contextOfCarrier(req.headers),
    attributes: { 'http.request.method': req.method ?? '', 'url.path': (req.url ?? '').split('?')[0] },
  });
  res.once('close', () => {
    // The route is known once routing matched; the span is named by it, not by the path with ids in it.
    const route = req.route?.path ? `${req.baseUrl ?? ''}${req.route.path}` : undefined;
    if (route) {
      span.updateName(`HTTP ${req.method} ${route}`);
      span.setAttribute('http.route', route);
    }
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) failSpan(span, new Error(`HTTP ${res.statusCode}`));
    span.end();
  });
  context.with(active, next);
}
