import { ArgumentsHost, Catch, HttpException, HttpStatus } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { InvalidInputError } from '@alur/contracts';

/** The JSON parser's limit (body-parser's default, kept): bodies of the API are a few kilobytes; photos go through the upload routes. */
export const JSON_BODY_LIMIT = '100kb';

/**
 * The JSON parser's refusal of a body over JSON_BODY_LIMIT (a 413 HttpException by the time Nest has
 * it), answered by default as `{statusCode, message}`, is given the one shape every refusal has,
 * naming the body as its field. Any other HttpException goes on to Nest's own handling.
 */
@Catch(HttpException)
export class BodyTooLargeFilter extends BaseExceptionFilter {
  override catch(exception: HttpException, host: ArgumentsHost): void {
    if (exception.getStatus() !== HttpStatus.PAYLOAD_TOO_LARGE) return super.catch(exception, host);
    const response = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();
    const { errors } = new InvalidInputError([{ field: '(body)', reason: `is larger than ${JSON_BODY_LIMIT}`, code: 'too_large' }]);
    response.status(413).json({ statusCode: 413, message: 'Request body too large', errors });
  }
}
