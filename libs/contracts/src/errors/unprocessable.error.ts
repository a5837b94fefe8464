import { DomainError } from './domain-error';

/** The request is well formed but cannot be carried out as sent (an Idempotency-Key reused for other content). */
export class UnprocessableError extends DomainError {
  readonly kind = 'unprocessable';

  constructor(message: string, details: { code?: string } = {}) {
    super(message, details.code);
  }
}
