import { ArgumentMetadata, HttpException, Logger, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, validationFailed } from '@alur/messaging';
import { unsafeInputErrors } from './unsafe-input';

// The gateway answers bad bodies with the same 400 the services give: one shape for every client.
export { validationFailed };
export type { FieldError };

/** class-validator's tree of errors, flattened to one entry per broken rule with a dotted path. */
export function fieldErrorsOf(errors: ValidationError[], parentPath = ''): FieldError[] {
  return errors.flatMap((error) => {
    // A key may be empty ({"": 1}): the field is still named, as "".
    const property = error.property === '' ? '""' : error.property;
    const field = parentPath ? `${parentPath}.${property}` : property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, reason]) => ({ field, reason, code: snakeCase(constraint) }));
    return [...own, ...fieldErrorsOf(error.children ?? [], field)];
  });
}

/** class-validator's constraint names (`isString`, `whitelistValidation`) as stable codes: `is_string`. */
function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/**
 * The gateway's pipe for every body, query and parameter: input too deep or with text no database
 * stores is refused first; then unknown fields are refused rather than dropped silently, values are
 * converted to the declared types, and errors name the field. A validator that breaks on a strange
 * value answers 400 for that input, not 500.
 */
class RequestValidationPipe extends ValidationPipe {
  private readonly log = new Logger('RequestValidation');

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom') return super.transform(value, metadata);
    const unsafe = unsafeInputErrors(value, metadata.data ?? '');
    if (unsafe.length) throw validationFailed(unsafe);
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof HttpException) throw error;
      this.log.warn({ err: error, in: metadata.type }, 'A validator failed on the input');
      throw validationFailed([{ field: metadata.data ?? `(${metadata.type})`, reason: 'is not acceptable', code: 'unreadable' }]);
    }
  }
}

export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => validationFailed(fieldErrorsOf(errors)),
  });
}
