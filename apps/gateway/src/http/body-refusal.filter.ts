import { ArgumentsHost, BadRequestException, Catch, ExceptionFilter } from '@nestjs/common';
import { FieldError, InvalidInputError } from '@alur/contracts';
import { refusalAnswerOf } from '@alur/messaging';

/**
 * A 400 decided before validation (the JSON parser refused the body, multer a multipart field)
 * names no field of its own: it is given the body's, or the upload's, so that every 400 a client
 * reads has the one shape `{errors: [{field, reason, code}]}`.
 */
@Catch(BadRequestException)
export class BodyRefusalFilter implements ExceptionFilter {
  catch(exception: BadRequestException, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();
    const body = exception.getResponse();
    if (typeof body === 'object' && Array.isArray((body as { errors?: unknown }).errors)) {
      response.status(400).json(body);
      return;
    }
    const message = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? exception.message);
    response.status(400).json(refusalAnswerOf(new InvalidInputError([refusalOf(message)])).body);
  }
}

function refusalOf(message: string): FieldError {
  if (/^(Unexpected file field|Multipart|Unexpected end of form|Too many)/i.test(message))
    return { field: 'file', reason: message, code: 'malformed_upload' };
  return { field: '(body)', reason: `is not a JSON object or array: ${message}`.slice(0, 300), code: 'malformed_body' };
}
