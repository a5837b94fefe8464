import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, DomainError, UnprocessableError } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { IdempotencyKeyRepository } from './idempotency-key.repository';
import { isUniqueViolation } from '@alur/database';

/** Idempotency-Keys of releases: each key's work runs once, and a repeat gets the stored answer. */
@Injectable()
export class IdempotencyKeys {
  constructor(
    private readonly transactions: Transactions,
    private readonly keys: IdempotencyKeyRepository,
  ) {}

  /** The stored answer of an earlier request with this key; 422 if the key was used for a different request. */
  async replayOf<T>(db: EntityManager, key: string, requestHash: string): Promise<T | undefined> {
    const prior = await this.keys.find(db, key);
    if (!prior) return undefined;
    if (prior.requestHash !== requestHash) {
      throw new UnprocessableError('This Idempotency-Key was already used for a different request; use a new key for a new request', {
        code: 'idempotency_key_reused',
      });
    }
    return JSON.parse(prior.response) as T;
  }

  /**
   * Runs an Idempotency-Key's work in one transaction. If the same key raced in and committed first
   * (for another tranche, so no row lock kept them apart), its stored answer decides; a unique index
   * named in `refusals` that the work ran into becomes that refusal.
   */
  async inTransaction<T>(
    key: string,
    requestHash: string,
    work: (tx: EntityManager) => Promise<T>,
    refusals: Record<string, () => DomainError> = {},
  ): Promise<T> {
    try {
      return await this.transactions.run(work);
    } catch (error) {
      const refusal = Object.entries(refusals).find(([constraint]) => isUniqueViolation(error, constraint));
      if (refusal) throw refusal[1]();
      if (isUniqueViolation(error, 'idempotency_key_pkey')) {
        const replay = await this.replayOf<T>(this.transactions.manager, key, requestHash);
        if (replay) return replay;
      }
      throw error;
    }
  }

  /** Stores the answer under its key in the caller's transaction, byte for byte, and gives it back as a replay would. */
  async storeAnswer<T>(tx: EntityManager, key: string, operation: string, requestHash: string, answer: T, actor: Actor): Promise<T> {
    const stored = JSON.stringify(answer);
    await this.keys.add(tx, key, operation, requestHash, stored, actor.userId);
    return JSON.parse(stored) as T;
  }
}
