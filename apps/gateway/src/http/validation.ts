import { ArgumentMetadata, HttpException, Logger, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
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
 * The class-validator DTOs that some routes still take (`@Body() dto: SomeDto`): unknown fields are
 * refused rather than dropped silently, values are converted to the declared types, and errors name
 * the field. Routes declared with ContractInput (zod) do not come here. When the last DTO is gone,
 * this function, fieldErrorsOf above and the `dtos` step of the pipe below go, with the packages
 * class-validator and class-transformer.
 */
function classValidatorDtos(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => validationFailed(fieldErrorsOf(errors)),
  });
}

/**
 * The gateway's pipe for every plain body, query and parameter (`@Body()`, `@Query()`, `@Param()`):
 * input too deep or with text no database stores is refused first, whatever validates it next; then
 * a class-validator DTO, if the parameter is one. ContractInput's own pipe does both for its routes
 * (custom parameters pass through). A validator that breaks on a strange value answers 400 for that
 * input, not 500.
 */
class RequestValidationPipe implements PipeTransform {
  private readonly log = new Logger('RequestValidation');
  private readonly dtos = classValidatorDtos();

  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom') return value;
    const unsafe = unsafeInputErrors(value, metadata.data ?? '');
    if (unsafe.length) throw validationFailed(unsafe);
    try {
      return await this.dtos.transform(value, metadata);
    } catch (error) {
      if (error instanceof HttpException) throw error;
      this.log.warn({ err: error, in: metadata.type }, 'A validator failed on the input');
      throw validationFailed([{ field: metadata.data ?? `(${metadata.type})`, reason: 'is not acceptable', code: 'unreadable' }]);
    }
  }
}

export function createValidationPipe(): PipeTransform {
  return new RequestValidationPipe();
}
