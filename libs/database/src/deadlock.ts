import { setTimeout as sleep } from 'node:timers/promises';

/** Whether PostgreSQL ended the transaction as the victim of a deadlock (40P01). */
export function isDeadlock(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  return (e?.driverError?.code ?? e?.code) === '40P01';
}

/**
 * Runs a transaction again when PostgreSQL chose it as a deadlock's victim, as its manual asks of
 * applications: it was rolled back whole, so running it again changes nothing twice, and the other
 * side has meanwhile had what it waited for. Any other failure, or a deadlock on the last of
 * `attempts`, goes to the caller.
 */
export async function againOnDeadlock<T>(transaction: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (error) {
      if (!isDeadlock(error) || attempt >= attempts) throw error;
      // A moment apart, so that two victims of one another do not meet again at once.
      await sleep(Math.floor(Math.random() * 20 * attempt));
    }
  }
}
