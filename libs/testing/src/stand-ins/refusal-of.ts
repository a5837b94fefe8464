import { DomainError } from '@alur/contracts';
import { refusalAnswerOf, type RpcErrorPayload } from '@alur/messaging';

/** A use case's refusal: the status and body the caller is answered (refusalAnswerOf), and the domain error itself. */
export type Refusal = RpcErrorPayload & { error: DomainError };

/**
 * What the caller is answered when a use case refuses: the status and body the gateway passes on
 * unchanged, with the domain error. Fails the test if the attempt succeeded, or failed with anything
 * but a domain error.
 */
export async function refusalOf(attempt: Promise<unknown>): Promise<Refusal> {
  const outcome = await attempt.then(
    (answer) => ({ answer }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`Expected a refusal, but the use case answered ${JSON.stringify(outcome.answer)}`);
  if (!(outcome.error instanceof DomainError)) throw outcome.error;
  return { ...refusalAnswerOf(outcome.error), error: outcome.error };
}
