import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, validationFailed } from '@alur/messaging';

// The gateway answers bad bodies with the same 400 the services give: one shape for every client.
export { validationFailed };
export type { FieldError };

/** class-validator's tree of errors, flattened to one entry per broken rule with a dotted path. */
export function fieldErrorsOf(errors: ValidationError[], parentPath = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parentPath ? `${parentPath}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...fieldErrorsOf(error.children ?? [], field)];
  });
}

/**
 * The gateway's pipe for every body, query and parameter: unknown fields are refused rather than
 * dropped silently, values are converted to the declared types, and errors name the field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => validationFailed(fieldErrorsOf(errors)),
  });
}
