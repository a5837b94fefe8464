import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options } from 'pino-http';
import type { Actor } from '@alur/contracts';

export const CORRELATION_HEADER = 'x-correlation-id';

interface LoggedRequest extends IncomingMessage {
  baseUrl?: string;
  originalUrl?: string;
  route?: { path?: string };
  /** Where the gateway's JWT guard leaves the caller. */
  actor?: Pick<Actor, 'userId'>;
}

/** The line an operator reads for one request: no headers, no bodies, the correlation id once. */
export interface RequestLine {
  method?: string;
  /** The matched route pattern (`/api/v1/approvals/:stageId/decision`), or the path when none matched. */
  route: string;
  status: number;
  ms: number;
  correlationId: unknown;
  userId?: string;
}

export function requestLineOf(req: LoggedRequest, res: ServerResponse, responseTime: number): RequestLine {
  const route = req.route?.path ? `${req.baseUrl ?? ''}${req.route.path}` : (req.originalUrl ?? req.url ?? '').split('?')[0];
  return {
    method: req.method,
    route,
    status: res.statusCode,
    ms: responseTime,
    correlationId: req.id,
    ...(req.actor?.userId ? { userId: req.actor.userId } : {}),
  };
}

/**
 * pino-http writing one short line per request when it ends. Its default logged every request and
 * response header (about 1.5 KB a line, with the correlation id twice) and serialised the request
 * into a child logger for every request before anything was written. Here the request and response
 * serialise to nothing, the line is built from what operators read, and the correlation id comes in
 * once, merged with what the logger's mixin adds.
 */
export function requestLogOptions(correlationOf: (req: IncomingMessage) => string): Options {
  return {
    genReqId: (req) => correlationOf(req),
    wrapSerializers: false,
    serializers: { req: () => undefined, res: () => undefined },
    autoLogging: { ignore: (req) => req.url === '/health' },
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
    customSuccessObject: (req, res, value: { responseTime: number }) => requestLineOf(req, res, value.responseTime),
    customErrorObject: (req, res, error, value: { responseTime: number }) => ({
      ...requestLineOf(req, res, value.responseTime),
      err: error,
    }),
  };
}
