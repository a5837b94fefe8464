import { DomainError } from '@alur/contracts';
import { refusalAnswerOf } from '@alur/messaging';

/** The domain refusal a use case ended with; fails the test when it succeeded, or failed otherwise. */
export async function refusalOf(work: Promise<unknown>): Promise<DomainError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('Expected a refusal, but it succeeded');
}

/** What the caller receives for a refusal: the status and body the gateway passes on (refusalAnswerOf). */
export async function answerToRefusal(work: Promise<unknown>): Promise<{ status: number; body: unknown }> {
  return refusalAnswerOf(await refusalOf(work));
}
