import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { throwError } from 'rxjs';
import { RpcErrorPayload } from './rpc-error';

/**
 * Turns what a request handler throws into an `RpcErrorPayload`, so that a 400, 404 or 409 decided in
 * a service reaches the caller as the same status. Anything unexpected becomes a 500 without details.
 */
@Catch()
export class RpcExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(RpcExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType() !== 'rpc') throw exception;
    let payload: RpcErrorPayload;
    if (exception instanceof HttpException) {
      const response = exception.getResponse();
      payload = {
        status: exception.getStatus(),
        body: typeof response === 'string' ? { statusCode: exception.getStatus(), message: response } : (response as RpcErrorPayload['body']),
      };
    } else {
      this.logger.error({ err: exception }, 'Request handler failed');
      payload = { status: 500, body: { statusCode: 500, message: 'Internal server error' } };
    }
    return throwError(() => payload);
  }
}
