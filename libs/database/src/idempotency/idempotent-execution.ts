import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomUUID } from 'node:crypto';
import { ConflictError, UnprocessableError } from '@alur/contracts';
import { DataSource, EntityManager } from 'typeorm';

/** One request under an Idempotency-Key, as the service that carries it out sees it. */
export interface IdempotentRequest {
  /** Whose key: the caller's user id, or `anonymous`. */
  callerKey: string;
  key: string;
  /** The RPC pattern or the route: one key may serve each operation of one user action once. */
  operation: string;
  /** What identifies the request's content: the same key must come with the same content. */
  requestHash: string;
}

interface Execution extends IdempotentRequest {
  executionId: string;
  claimed: boolean;
  /** Set when the request's work has returned: a timer or loop it started keeps the context, not the key. */
  finished: boolean;
}

interface StoredRequest {
  request_hash: string;
  execution_id: string;
  answer: string | null;
}

/** How long a retry waits for the answer of a twin that has committed but not yet answered. */
const ANSWER_WAIT_MS = 5_000;
const ANSWER_POLL_MS = 100;

const running = new AsyncLocalStorage<Execution>();

/** SHA-256 of a request's content as JSON. */
export function requestHashOf(content: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(content ?? null) ?? 'null')
    .digest('hex');
}

/**
 * Claims the running request's Idempotency-Key inside the transaction of its change, so that the key
 * commits (or rolls back) with it. Every audited change calls this (AuditTrail.record); a request with
 * no key, or one already claimed by this execution, is left alone. A twin that committed the key
 * first makes this transaction fail, and `runIdempotent` then answers with the twin's answer.
 */
export async function claimIdempotencyKeyIn(tx: EntityManager): Promise<void> {
  const execution = running.getStore();
  if (!execution || execution.finished) return;
  const inserted = (await tx.query(
    `INSERT INTO idempotent_request (caller_key, idempotency_key, operation, request_hash, execution_id)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING 1 AS claimed`,
    [execution.callerKey, execution.key, execution.operation, execution.requestHash, execution.executionId],
  )) as unknown[];
  if (inserted.length === 0) {
    const [holder] = (await tx.query(
      'SELECT execution_id FROM idempotent_request WHERE caller_key = $1 AND idempotency_key = $2 AND operation = $3',
      [execution.callerKey, execution.key, execution.operation],
    )) as Array<{ execution_id: string }>;
    if (holder?.execution_id !== execution.executionId) throw new IdempotencyKeyTaken();
  }
  execution.claimed = true;
}

/** This request's key was committed by a twin first; its answer is the answer. */
export class IdempotencyKeyTaken extends Error {
  constructor() {
    super('Idempotency-Key already used by a request that committed first');
  }
}

/**
 * Carries out `work` once per Idempotency-Key: an earlier request with the same key and content gets
 * the first answer again (byte for byte), the same key with other content a 422. The key is stored in
 * the transaction of the change (see claimIdempotencyKeyIn), so a crash or a timeout never leaves a
 * change without its key, nor a key without its change. Refusals are not stored: they changed nothing,
 * and the request may be retried.
 */
export async function runIdempotent<T>(
  dataSource: DataSource | EntityManager,
  request: IdempotentRequest,
  work: () => Promise<T>,
): Promise<T> {
  const earlier = await storedRequest(dataSource, request);
  if (earlier) return answerOf<T>(dataSource, request, earlier);

  const execution: Execution = { ...request, executionId: randomUUID(), claimed: false, finished: false };
  let answer: T;
  try {
    answer = await running.run(execution, work);
  } catch (error) {
    execution.finished = true;
    // A twin with the same key may have committed while this one ran into it (the key, a version, a lock).
    const twin = await storedRequest(dataSource, request);
    if (twin && twin.execution_id !== execution.executionId) return answerOf<T>(dataSource, request, twin);
    throw error;
  }
  execution.finished = true;
  if (!execution.claimed) return answer;
  const stored = JSON.stringify(answer ?? null);
  await dataSource.query(
    `UPDATE idempotent_request SET answer = $5, answered_at = now()
      WHERE caller_key = $1 AND idempotency_key = $2 AND operation = $3 AND execution_id = $4`,
    [request.callerKey, request.key, request.operation, execution.executionId, stored],
  );
  return JSON.parse(stored) as T;
}

async function storedRequest(dataSource: DataSource | EntityManager, request: IdempotentRequest): Promise<StoredRequest | undefined> {
  const [row] = (await dataSource.query(
    'SELECT request_hash, execution_id, answer FROM idempotent_request WHERE caller_key = $1 AND idempotency_key = $2 AND operation = $3',
    [request.callerKey, request.key, request.operation],
  )) as StoredRequest[];
  return row;
}

async function answerOf<T>(dataSource: DataSource | EntityManager, request: IdempotentRequest, stored: StoredRequest): Promise<T> {
  if (stored.request_hash !== request.requestHash) {
    throw new UnprocessableError('This Idempotency-Key was already used for a different request; use a new key for a new request', {
      code: 'idempotency_key_reused',
    });
  }
  // Committed, answer on its way: the first request is still writing it down.
  for (let waited = 0; stored.answer === null && waited < ANSWER_WAIT_MS; waited += ANSWER_POLL_MS) {
    await new Promise((resolve) => setTimeout(resolve, ANSWER_POLL_MS));
    stored = (await storedRequest(dataSource, request)) ?? stored;
  }
  if (stored.answer === null) {
    throw new ConflictError(
      'A request with this Idempotency-Key was carried out, but its answer is not available: reload to see the result',
      {
        code: 'idempotent_request_unanswered',
      },
    );
  }
  return JSON.parse(stored.answer) as T;
}
