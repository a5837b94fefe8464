import { ArgumentsHost, Catch, HttpException, HttpStatus } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { InvalidInputError } from '@alur/contracts';

/** The JSON parser's limit (body-parser's default, kept): bodies of the API are a few kilobytes; photos go through the upload routes. */
export const JSON_BODY_LIMIT = '100kb';

interface RefusalResponse {
  setHeader(name: string, value: string): void;
  status(code: number): { json(body: unknown): void };
}

/**
 * What every HttpException's answer gets besides Nest's own handling:
 * - a refusal that says when to try again (`retryAfterSeconds` in its body: the login throttle's 429, the public
 *   spreadsheet's full line's 503) says it in `Retry-After` too, the header clients, proxies and crawlers read;
 * - the JSON parser's refusal of a body over JSON_BODY_LIMIT (a 413 HttpException by the time Nest has it), answered by
 *   default as `{statusCode, message}`, is given the one shape every refusal has, naming the body as its field.
 */
@Catch(HttpException)
export class HttpRefusalFilter extends BaseExceptionFilter {
  override catch(exception: HttpException, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<RefusalResponse>();
    const retryAfter = retryAfterSeconds(exception.getResponse());
    if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
    if (exception.getStatus() !== HttpStatus.PAYLOAD_TOO_LARGE) return super.catch(exception, host);
    const { errors } = new InvalidInputError([{ field: '(body)', reason: `is larger than ${JSON_BODY_LIMIT}`, code: 'too_large' }]);
    response.status(413).json({ statusCode: 413, message: 'Request body too large', errors });
  }
}

/** Whole seconds, as `Retry-After` takes them (RFC 9110 §10.2.3); anything else in the body is not a wait. */
function retryAfterSeconds(body: string | object): number | undefined {
  const seconds = typeof body === 'object' ? (body as { retryAfterSeconds?: unknown }).retryAfterSeconds : undefined;
  return typeof seconds === 'number' && Number.isInteger(seconds) && seconds >= 0 ? seconds : undefined;
}
