import { DomainError } from './domain-error';
import { INVALID_FIELD_CODE, type FieldError } from './field-error';

/** The request names fields that are not acceptable as given; every field error carries a code. */
export class InvalidInputError extends DomainError {
  readonly kind = 'invalid-input';
  declare readonly errors: readonly Required<FieldError>[];

  constructor(errors: readonly FieldError[]) {
    super(
      'Validation failed',
      undefined,
      errors.map(({ field, reason, code }) => ({ field, reason, code: code ?? INVALID_FIELD_CODE })),
    );
  }
}
