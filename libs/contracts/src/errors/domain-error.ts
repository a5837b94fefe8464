import type { FieldError } from './field-error';

/** What kind of refusal a domain decision is; the transport (HTTP, RPC) gives each its status in one place. */
export type DomainErrorKind = 'not-found' | 'conflict' | 'forbidden' | 'invalid-input' | 'unprocessable';

/**
 * A refusal decided by the domain: code that decides it throws one of these and knows nothing of
 * HTTP or NestJS. `code` is stable for programs (the console picks its words by it); `errors` name
 * the fields concerned.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;

  protected constructor(
    message: string,
    readonly code?: string,
    readonly errors?: readonly FieldError[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}
