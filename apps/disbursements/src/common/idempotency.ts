import { UnprocessableEntityException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, DomainError } from '@alur/contracts';
import { isUniqueViolation } from './pg-error';

/** The stored answer of an earlier request with this key; 422 if the key was used for a different request. */
export async function replayOf<T>(manager: EntityManager, key: string, requestHash: string): Promise<T | undefined> {
  const [prior] = (await manager.query('SELECT request_hash, response FROM idempotency_key WHERE key = $1', [key])) as Array<{
    request_hash: string;
    response: string;
  }>;
  if (!prior) return undefined;
  if (prior.request_hash !== requestHash) {
    throw new UnprocessableEntityException({
      statusCode: 422,
      message: 'This Idempotency-Key was already used for a different request; use a new key for a new request',
      error: 'Unprocessable Entity',
    });
  }
  return JSON.parse(prior.response) as T;
}

/**
 * Runs an Idempotency-Key's work in one transaction. If the same key raced in and committed first
 * (for another tranche, so no row lock kept them apart), its stored answer decides; a unique index
 * named in `refusals` that the work ran into becomes that refusal.
 */
export async function inIdempotentTransaction<T>(
  dataSource: DataSource,
  key: string,
  requestHash: string,
  work: (tx: EntityManager) => Promise<T>,
  refusals: Record<string, () => DomainError> = {},
): Promise<T> {
  try {
    return await dataSource.transaction(work);
  } catch (error) {
    const refusal = Object.entries(refusals).find(([constraint]) => isUniqueViolation(error, constraint));
    if (refusal) throw refusal[1]();
    if (isUniqueViolation(error, 'idempotency_key_pkey')) {
      const replay = await replayOf<T>(dataSource.manager, key, requestHash);
      if (replay) return replay;
    }
    throw error;
  }
}

/** Stores the answer under its key in the caller's transaction, byte for byte, and gives it back as a replay would. */
export async function storeAnswer<T>(tx: EntityManager, key: string, operation: string, requestHash: string, answer: T, actor: Actor): Promise<T> {
  const stored = JSON.stringify(answer);
  await tx.query('INSERT INTO idempotency_key (key, operation, request_hash, response, actor_user_id) VALUES ($1, $2, $3, $4, $5)', [
    key,
    operation,
    requestHash,
    stored,
    actor.userId,
  ]);
  return JSON.parse(stored) as T;
}
