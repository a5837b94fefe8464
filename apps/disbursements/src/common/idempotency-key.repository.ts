import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { queryRows } from '@alur/database';

/** A key's request and its answer, kept as text byte for byte, so that a repeated request gets exactly the first answer. */
export interface StoredAnswer {
  requestHash: string;
  response: string;
}

const StoredAnswerRow = z
  .object({ request_hash: z.string(), response: z.string() })
  .transform((row): StoredAnswer => ({ requestHash: row.request_hash, response: row.response }));

/** The Idempotency-Keys of releases and their answers (idempotency_key). */
@Injectable()
export class IdempotencyKeyRepository {
  async find(db: EntityManager, key: string): Promise<StoredAnswer | undefined> {
    const [stored] = await queryRows(db, StoredAnswerRow, 'SELECT request_hash, response FROM idempotency_key WHERE key = $1', [key]);
    return stored;
  }

  /** Fails with a unique violation of `idempotency_key_pkey` if a twin committed the key first. */
  async add(tx: EntityManager, key: string, operation: string, requestHash: string, response: string, actorUserId: string): Promise<void> {
    await tx.query('INSERT INTO idempotency_key (key, operation, request_hash, response, actor_user_id) VALUES ($1, $2, $3, $4, $5)', [
      key,
      operation,
      requestHash,
      response,
      actorUserId,
    ]);
  }
}
