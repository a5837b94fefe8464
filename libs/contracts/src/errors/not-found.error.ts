import { DomainError } from './domain-error';

/** The thing asked for does not exist, or is not the caller's to see (not told apart, so nothing leaks). */
export class NotFoundError extends DomainError {
  readonly kind = 'not-found';

  constructor(message: string) {
    super(message);
  }
}
