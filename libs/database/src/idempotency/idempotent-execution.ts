import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomUUID } from 'node:crypto';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConflictError, UnprocessableError } from '@alur/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { RidingStatement, runAlone } from '../riding-statement';
import { StatementBatch } from '../statement-batch';

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
 * commits (or rolls back) with it. Every audited change claims it (AuditTrail.record, where the claim rides
 * on the record's statement); a request with no key is left alone, and one already claimed by this
 * execution finds its own claim. A twin that committed the key first makes this transaction fail, and
 * `IdempotentRequests.run` then answers with the twin's answer.
 */
export async function claimIdempotencyKeyIn(tx: EntityManager): Promise<void> {
  const claim = idempotencyKeyClaim();
  if (!claim) return;
  await claim.settle(tx, await runAlone<boolean>(tx, claim.statement));
}

/** The claim of a request's key as a statement to ride on another's, and what follows from its `select` (whether it inserted the key). */
export interface IdempotencyKeyClaim {
  statement: RidingStatement;
  settle(tx: EntityManager, claimed: boolean): Promise<void>;
}

/** The running request's claim (see claimIdempotencyKeyIn), or null when there is nothing to claim. */
export function idempotencyKeyClaim(): IdempotencyKeyClaim | null {
  const execution = running.getStore();
  if (!execution || execution.finished) return null;
  return {
    statement: {
      with: `key_claimed AS (
        INSERT INTO idempotent_request (caller_key, idempotency_key, operation, request_hash, execution_id)
        VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING 1
      )`,
      select: 'EXISTS (SELECT 1 FROM key_claimed)',
      params: [execution.callerKey, execution.key, execution.operation, execution.requestHash, execution.executionId],
    },
    settle: async (tx, claimed) => {
      if (!claimed) {
        // Taken: by this execution (an earlier change of its transaction), or by a twin that committed first.
        const [holder] = (await tx.query(
          'SELECT execution_id FROM idempotent_request WHERE caller_key = $1 AND idempotency_key = $2 AND operation = $3',
          [execution.callerKey, execution.key, execution.operation],
        )) as Array<{ execution_id: string }>;
        if (holder?.execution_id !== execution.executionId) throw new IdempotencyKeyTaken();
      }
      execution.claimed = true;
    },
  };
}

/** This request's key was committed by a twin first; its answer is the answer. */
export class IdempotencyKeyTaken extends Error {
  constructor() {
    super('Idempotency-Key already used by a request that committed first');
  }
}

/** An answer to write down for a request whose change has committed. */
interface AnswerToStore extends IdempotentRequest {
  executionId: string;
  answer: string;
}

export interface IdempotentRunOptions {
  /**
   * Look for an earlier request with the key before starting the work: for work that is heavy before it
   * claims the key (the gateway writes an upload's whole file first), or that does something outside its
   * transaction. Elsewhere the claim in the change's transaction finds the twin, and the lookup would
   * only cost every request a round trip and a commit.
   */
  lookFirst?: boolean;
}

/**
 * How long a committed request's answer waits for others to be written with it in one statement. The
 * answer goes back to the caller at once; a retry within this window waits for it (see answerOf).
 */
const ANSWER_BATCH_WINDOW_MS = 100;

/** Provides another answer window (in ms) than the 100 ms default: a test that must see one batch sets a long one. */
export const IDEMPOTENT_ANSWER_WINDOW_MS = Symbol('IDEMPOTENT_ANSWER_WINDOW_MS');

/**
 * Carries out `work` once per Idempotency-Key: an earlier request with the same key and content gets
 * the first answer again (byte for byte), the same key with other content a 422. The key is stored in
 * the transaction of the change (see claimIdempotencyKeyIn), so a crash or a timeout never leaves a
 * change without its key, nor a key without its change. Refusals are not stored: they changed nothing,
 * and the request may be retried.
 *
 * A repeated request runs its work again up to the claim, which fails on the twin's key and rolls the
 * repeat back (or the work refuses first, the state having moved on); either way the twin's answer is
 * the answer. Answers are written after the commit, several in one statement.
 */
@Injectable()
export class IdempotentRequests implements BeforeApplicationShutdown {
  private readonly logger = new Logger(IdempotentRequests.name);
  private readonly answers: StatementBatch<AnswerToStore, void>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() @Inject(IDEMPOTENT_ANSWER_WINDOW_MS) answerWindowMs: number = ANSWER_BATCH_WINDOW_MS,
  ) {
    this.answers = new StatementBatch((answers) => this.storeAnswers(answers), answerWindowMs);
  }

  async run<T>(request: IdempotentRequest, work: () => Promise<T>, options: IdempotentRunOptions = {}): Promise<T> {
    if (options.lookFirst) {
      const earlier = await storedRequest(this.dataSource, request);
      if (earlier) return answerOf<T>(this.dataSource, request, earlier);
    }
    const execution: Execution = { ...request, executionId: randomUUID(), claimed: false, finished: false };
    let answer: T;
    try {
      answer = await running.run(execution, work);
    } catch (error) {
      execution.finished = true;
      // A twin with the same key may have committed first: the key, a version or a lock stopped this one.
      const twin = await storedRequest(this.dataSource, request);
      if (twin && twin.execution_id !== execution.executionId) return answerOf<T>(this.dataSource, request, twin);
      throw error;
    }
    execution.finished = true;
    if (!execution.claimed) return answer;
    const stored = JSON.stringify(answer ?? null);
    // Not awaited: the change has committed, and a retry that comes before its answer waits for it.
    this.answers
      .submit({ ...request, executionId: execution.executionId, answer: stored })
      .catch((error: unknown) =>
        this.logger.error(
          { err: error, operation: request.operation },
          'Could not store the answer of an idempotent request; a retry will be told to reload',
        ),
      );
    return JSON.parse(stored) as T;
  }

  /** Writes down the answers still waiting, before the data source closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.answers.settled();
  }

  private async storeAnswers(answers: AnswerToStore[]): Promise<void[]> {
    await this.dataSource.query(
      `UPDATE idempotent_request AS r SET answer = a.answer, answered_at = now()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::text[]) AS a(caller_key, idempotency_key, operation, execution_id, answer)
        WHERE r.caller_key = a.caller_key AND r.idempotency_key = a.idempotency_key AND r.operation = a.operation
          AND r.execution_id = a.execution_id`,
      [
        answers.map((a) => a.callerKey),
        answers.map((a) => a.key),
        answers.map((a) => a.operation),
        answers.map((a) => a.executionId),
        answers.map((a) => a.answer),
      ],
    );
    return answers.map(() => undefined);
  }
}

async function storedRequest(dataSource: DataSource, request: IdempotentRequest): Promise<StoredRequest | undefined> {
  const [row] = (await dataSource.query(
    'SELECT request_hash, execution_id, answer FROM idempotent_request WHERE caller_key = $1 AND idempotency_key = $2 AND operation = $3',
    [request.callerKey, request.key, request.operation],
  )) as StoredRequest[];
  return row;
}

async function answerOf<T>(dataSource: DataSource, request: IdempotentRequest, stored: StoredRequest): Promise<T> {
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
