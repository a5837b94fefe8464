import { DomainError } from './domain-error';
import type { FieldError } from './field-error';

/** The request is valid, but the state it meets refuses it (already decided, changed since read, taken). */
export class ConflictError extends DomainError {
  readonly kind = 'conflict';

  constructor(message: string, details: { code?: string; errors?: FieldError[] } = {}) {
    super(message, details.code, details.errors);
  }
}
