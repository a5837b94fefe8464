import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { throwError } from 'rxjs';
import { DomainError } from '@alur/contracts';
import { RpcErrorPayload } from './rpc-error';
import { refusalAnswerOf } from './refusal-answer';

/** The part of Express's response an HTTP answer needs. */
interface HttpResponse {
  headersSent?: boolean;
  status(code: number): { json(body: unknown): void };
}

/**
 * Turns what a request handler throws into an `RpcErrorPayload`, so that a 400, 404 or 409 decided in
 * a service reaches the caller as the same status: a domain refusal through `refusalAnswerOf`, an
 * HttpException (the transport's own: caller assertion, deadline, idempotency) as Nest shapes it. Anything unexpected becomes a 500 without details.
 * On the service's own HTTP port (health, /ops) it answers the same way in JSON: an error there must
 * not fall through to Express's HTML page with its stack trace.
 */
@Catch()
export class RpcExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(RpcExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType() === 'http') return this.answerHttp(exception, host.switchToHttp().getResponse<HttpResponse>());
    if (host.getType() !== 'rpc') throw exception;
    let payload: RpcErrorPayload;
    if (exception instanceof DomainError) {
      payload = refusalAnswerOf(exception);
    } else if (exception instanceof HttpException) {
      payload = httpExceptionAnswerOf(exception);
    } else {
      this.logger.error({ err: exception }, 'Request handler failed');
      payload = { status: 500, body: { statusCode: 500, message: 'Internal server error' } };
    }
    return throwError(() => payload);
  }

  private answerHttp(exception: unknown, response: HttpResponse): void {
    const { status, body } = this.httpAnswerOf(exception);
    if (!response.headersSent) response.status(status).json(body);
  }

  private httpAnswerOf(exception: unknown): RpcErrorPayload {
    if (exception instanceof DomainError) return refusalAnswerOf(exception);
    if (exception instanceof HttpException) return httpExceptionAnswerOf(exception);
    // Express's own errors (body-parser: malformed JSON, unknown charset) carry a 4xx and a message fit to show.
    const { status, expose, message } = (exception ?? {}) as { status?: unknown; expose?: unknown; message?: unknown };
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return { status, body: { statusCode: status, message: expose === true && typeof message === 'string' ? message : 'Bad request' } };
    }
    this.logger.error({ err: exception }, 'HTTP request failed');
    return { status: 500, body: { statusCode: 500, message: 'Internal server error' } };
  }
}

function httpExceptionAnswerOf(exception: HttpException): RpcErrorPayload {
  const response = exception.getResponse();
  const status = exception.getStatus();
  return { status, body: typeof response === 'string' ? { statusCode: status, message: response } : (response as RpcErrorPayload['body']) };
}
