import { DomainError } from './domain-error';

/** The caller is known, but this is not theirs to do (role, region, separation of duties). */
export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';

  constructor(message: string, details: { code?: string } = {}) {
    super(message, details.code);
  }
}
