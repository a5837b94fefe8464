import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/** One rejected field: its path in the body (`budgetItems.0.quantity`) and why. */
export interface FieldError {
  field: string;
  reason: string;
}

/** The 400 every bad body gets: `{ statusCode, message: 'Validation failed', errors: [{ field, reason }] }`. */
export function validationFailed(errors: FieldError[]): BadRequestException {
  return new BadRequestException({ statusCode: 400, message: 'Validation failed', errors });
}

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
