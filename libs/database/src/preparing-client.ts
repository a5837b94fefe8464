import { createHash } from 'node:crypto';
import { Client, Query, QueryConfig, QueryResult } from 'pg';
import { EntityManager, QueryFailedError } from 'typeorm';

/**
 * At most this many statements are kept prepared on one connection; past it, statements run unnamed as
 * before. A service issues a few hundred distinct statements; the cap bounds what a statement text that
 * varies (a list of placeholders as long as its input) could make a connection's backend keep.
 */
export const MAX_PREPARED_PER_CONNECTION = 300;

/** PostgreSQL refuses a prepared statement whose result columns a migration changed since (SELECT * of an altered table). */
function isStalePlan(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return code === '0A000' && /cached plan must not change result type/.test(message ?? '');
}

type Callback = (error: Error | null, result?: QueryResult) => void;

/** What TypeORM sends to open a transaction (and nothing else does): the one statement deferred. */
const TRANSACTION_START = 'START TRANSACTION';
/** A transaction's end that finds nothing begun on the server: answered here, as PostgreSQL would. */
const EMPTY_ENDINGS = new Set(['COMMIT', 'ROLLBACK']);
/** BEGIN, prepared on each connection the first time it opens a transaction, so that it can ride ahead of a statement. */
const BEGIN_STATEMENT = 'alur_begin';
/** COMMIT, prepared on each connection the first time it commits, so that it can ride behind a statement. */
const COMMIT_STATEMENT = 'alur_commit';
/** Puts the rest of a transaction on generic plans (see queryOnGenericPlans); prepared like BEGIN, on first use. */
const GENERIC_PLANS_STATEMENT = 'alur_generic_plans';
const GENERIC_PLANS = 'SET LOCAL plan_cache_mode = force_generic_plan';

/** The parts of pg's connection and Query this file relies on (pg 8's, not in its type definitions). */
interface WireConnection {
  parsedStatements: Record<string, string>;
  bind(config: { portal: string; statement: string; values: unknown[] }): void;
  execute(config: { portal: string }): void;
  sync(): void;
  stream: { destroy(): void };
}
interface QueryInternals {
  callback?: (error: Error | null, result?: QueryResult) => void;
  portal: string;
  handleCommandComplete(message: unknown, connection: WireConnection): void;
  prepare(connection: WireConnection): void;
  _getRows(connection: WireConnection, rows?: number): void;
}
const InternalQuery = Query as unknown as new (config: QueryConfig) => Query & QueryInternals;

/**
 * A statement with BEGIN sent ahead of it in the same write: a prepared one binds and executes the
 * connection's prepared BEGIN before its own messages (one Sync closes both), one without parameters
 * runs as `BEGIN;<statement>`. The caller sees only its statement's result, and its error if any: a
 * statement that fails leaves the transaction begun and aborted, as it would after a separate BEGIN.
 * With `genericPlans` the prepared SET LOCAL plan_cache_mode goes between the two, the same way.
 */
class QueryAfterBegin extends InternalQuery {
  /** The utility statements ahead of the caller's whose CommandComplete is not the caller's. */
  private ahead: number;

  constructor(
    config: QueryConfig,
    private readonly genericPlans: boolean,
  ) {
    super(config);
    this.ahead = genericPlans ? 2 : 1;
  }

  override handleCommandComplete(message: unknown, connection: WireConnection): void {
    if (this.ahead > 0) {
      this.ahead--;
      return;
    }
    super.handleCommandComplete(message, connection);
  }

  override prepare(connection: WireConnection): void {
    for (const statement of this.genericPlans ? [BEGIN_STATEMENT, GENERIC_PLANS_STATEMENT] : [BEGIN_STATEMENT]) {
      connection.bind({ portal: '', statement, values: [] });
      connection.execute({ portal: '' });
    }
    super.prepare(connection);
  }
}

/**
 * A transaction's last statement with the connection's prepared COMMIT executed behind it, in the same
 * write and under one Sync. The caller sees the statement's result, or the first error: the statement's
 * (PostgreSQL then skips the COMMIT and the transaction stays open, aborted) or the commit's.
 */
class QueryThenCommit extends InternalQuery {
  private statementCompleted = false;

  override handleCommandComplete(message: unknown, connection: WireConnection): void {
    if (this.statementCompleted) return; // the COMMIT's
    this.statementCompleted = true;
    super.handleCommandComplete(message, connection);
  }

  override _getRows(connection: WireConnection): void {
    connection.execute({ portal: this.portal });
    connection.bind({ portal: '', statement: COMMIT_STATEMENT, values: [] });
    connection.execute({ portal: '' });
    connection.sync();
  }
}

const COMMITTED = { ending: 'COMMIT', how: 'committed with its last statement' } as const;

const answered = (command: string): QueryResult => ({ command, rowCount: null, oid: 0, rows: [], fields: [] }) as unknown as QueryResult;

/**
 * A pg client that prepares each parameterised statement once per connection (a named statement) and
 * from then on only binds and executes it: PostgreSQL no longer parses and analyses the same text on
 * every call, which was most of its work for the services' short statements. Other statements without
 * parameters (SET …) and anything not given as text and values go through unchanged.
 *
 * A statement prepared before a migration changed its result columns fails once; it is then prepared
 * again under a new name, so the next attempt (the caller's retry) works.
 *
 * It also saves each transaction a round trip: START TRANSACTION is not sent on its own but ahead of
 * the transaction's first statement, in the same write (QueryAfterBegin). A transaction that ends
 * before any statement costs nothing. On this machine a round trip of the simplest prepared statement
 * costs the service about 80 µs of CPU and its PostgreSQL backend about 45 µs. A caller that knows its
 * transaction's last statement sends the COMMIT behind it the same way (queryThenCommit), or, when it is
 * also the first, sends it alone, with neither BEGIN nor COMMIT (queryAsWholeTransaction); one that wants
 * its transaction on generic plans sends that setting between the BEGIN and the first statement
 * (queryFirstOnGenericPlans).
 */
export class PreparingClient extends Client {
  /** Statement text → the name it is prepared under on this connection. */
  private readonly names = new Map<string, string>();
  private renamed = 0;
  /** START TRANSACTION was asked for and not yet sent: it goes ahead of the next statement. */
  private beginDeferred = false;
  /**
   * The transaction ended on the server before its caller ends it: committed with its last statement
   * (queryThenCommit, queryAsWholeTransaction), or failed with its only one (queryAsWholeTransaction),
   * which began nothing that could be left open. The caller's COMMIT, or ROLLBACK, is answered here;
   * anything else before it is refused: it would run outside any transaction.
   */
  private endedAhead?: { ending: 'COMMIT' | 'ROLLBACK'; how: string };

  // pg's query() is heavily overloaded; this forwards every form it does not rewrite as it came.
  override query(...args: any[]): any {
    const [text, values, callback] = args as [unknown, unknown, unknown];
    const plain = typeof text === 'string' && (values === undefined || (Array.isArray(values) && values.length === 0));
    if (this.endedAhead) {
      const { ending, how } = this.endedAhead;
      this.endedAhead = undefined;
      if (plain && text === ending) return this.answer(answered(ending), callback);
      return this.refuse(new Error(`the transaction ${how}; "${String(text).slice(0, 40)}" came after it`), callback);
    }
    if (plain && text === 'COMMIT' && !this.statementPrepared(COMMIT_STATEMENT)) {
      return super.query({ name: COMMIT_STATEMENT, text: 'COMMIT', values: [] }, callback as Callback);
    }
    if (plain && text === TRANSACTION_START) {
      if (!this.statementPrepared(BEGIN_STATEMENT))
        return super.query({ name: BEGIN_STATEMENT, text: 'BEGIN', values: [] }, callback as Callback);
      this.beginDeferred = true;
      return this.answer(answered('BEGIN'), callback);
    }
    if (this.beginDeferred) {
      this.beginDeferred = false;
      if (plain && EMPTY_ENDINGS.has(text)) return this.answer(answered(text), callback);
      if (typeof text === 'string' && (values === undefined || Array.isArray(values))) {
        return this.afterBegin(text, (values ?? []) as unknown[], callback);
      }
      // Any other form (a cursor, a stream) queues behind a BEGIN of its own; pg sends queries in order.
      // Should that BEGIN fail, the connection is ended: nothing may run as if inside a transaction that is not.
      super.query('BEGIN', (error: Error | null) => error && this.wire().stream.destroy());
    }
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0) return super.query(...(args as [string]));
    const name = this.nameOf(text);
    if (!name) return super.query(...(args as [string]));
    const statement = { name, text, values };
    if (typeof callback === 'function') {
      return super.query(statement, (error: Error | null, result: QueryResult) => {
        if (error) this.forgetIfStale(error, text);
        (callback as Callback)(error, result);
      });
    }
    return super.query(statement).catch((error: unknown) => {
      this.forgetIfStale(error, text);
      throw error;
    });
  }

  /** Whether queryThenCommit can commit on this connection's round trip (its COMMIT is prepared, and a transaction open). */
  canCommitWith(): boolean {
    return this.statementPrepared(COMMIT_STATEMENT) && !this.beginDeferred && !this.endedAhead;
  }

  /**
   * Runs the transaction's last statement and commits behind it, in one round trip (see canCommitWith).
   * The transaction's COMMIT that follows is answered here; anything else before it is refused.
   */
  queryThenCommit(text: string, values: unknown[]): Promise<QueryResult> {
    const query = new QueryThenCommit({ name: this.nameOf(text), text, values });
    return this.send(query, text, undefined, () => (this.endedAhead = COMMITTED)) as Promise<QueryResult>;
  }

  /**
   * Runs the transaction's only statement (see beginsWithNext) without BEGIN or COMMIT: PostgreSQL runs a
   * statement sent on its own as a transaction of its own and commits it, one round trip for the whole
   * transaction. It is then over: its COMMIT is answered here; should the statement fail, nothing was
   * committed and its ROLLBACK is answered here. Only a transaction at the default isolation level gets
   * here: TypeORM sets any other ahead of the first statement, which begins the transaction.
   */
  queryAsWholeTransaction(text: string, values: unknown[]): Promise<QueryResult> {
    if (!this.beginDeferred) throw new Error('queryAsWholeTransaction: the transaction has begun already');
    this.beginDeferred = false;
    const query = new InternalQuery({ name: this.nameOf(text), text, values });
    const answer = this.send(query, text, undefined, () => (this.endedAhead = COMMITTED)) as Promise<QueryResult>;
    return answer.catch((error: unknown) => {
      this.endedAhead = { ending: 'ROLLBACK', how: 'failed with its only statement' };
      throw error;
    });
  }

  /** Whether the transaction opened on this connection has not begun on the server yet: its next statement is its first. */
  beginsWithNext(): boolean {
    return this.beginDeferred;
  }

  /**
   * Runs the transaction's first statement (see beginsWithNext) with the transaction set on generic plans
   * ahead of it, in the same round trip once the connection has prepared the setting (the first time it is
   * asked for, on a connection, costs two round trips more).
   */
  async queryFirstOnGenericPlans(text: string, values: unknown[]): Promise<QueryResult> {
    if (!this.beginDeferred) throw new Error('queryFirstOnGenericPlans: the transaction has begun already');
    this.beginDeferred = false;
    if (this.statementPrepared(GENERIC_PLANS_STATEMENT)) return this.afterBegin(text, values, undefined, true) as Promise<QueryResult>;
    try {
      await super.query({ name: BEGIN_STATEMENT, text: 'BEGIN', values: [] });
      await super.query({ name: GENERIC_PLANS_STATEMENT, text: GENERIC_PLANS, values: [] });
    } catch (error) {
      // Nothing may run as if inside a transaction, or on generic plans, that is not: the connection ends.
      this.wire().stream.destroy();
      throw error;
    }
    return this.query(text, values) as Promise<QueryResult>;
  }

  private afterBegin(text: string, values: unknown[], callback: unknown, genericPlans = false): unknown {
    const utilities = genericPlans ? `BEGIN;${GENERIC_PLANS};` : 'BEGIN;';
    const config = values.length > 0 ? { name: this.nameOf(text), text, values } : { text: `${utilities}${text}` };
    return this.send(new QueryAfterBegin(config, genericPlans), text, callback);
  }

  /** Sends a query this client made in place of the caller's, answering its callback or, without one, a promise. */
  private send(query: Query & QueryInternals, text: string, callback: unknown, onSuccess?: () => void): unknown {
    const answer = new Promise<QueryResult>((resolve, reject) => {
      query.callback = (error, result) => {
        if (error) {
          this.forgetIfStale(error, text);
          reject(error);
          return;
        }
        onSuccess?.();
        resolve(result!);
      };
    });
    super.query(query);
    if (typeof callback !== 'function') return answer;
    answer.then(
      (result) => (callback as Callback)(null, result),
      (error: Error) => (callback as Callback)(error),
    );
    return undefined;
  }

  private answer(result: QueryResult, callback: unknown): unknown {
    if (typeof callback !== 'function') return Promise.resolve(result);
    process.nextTick(() => (callback as Callback)(null, result));
    return undefined;
  }

  private refuse(error: Error, callback: unknown): unknown {
    if (typeof callback !== 'function') return Promise.reject(error);
    process.nextTick(() => (callback as Callback)(error));
    return undefined;
  }

  private wire(): WireConnection {
    return (this as unknown as { connection: WireConnection }).connection;
  }

  private statementPrepared(name: string): boolean {
    return this.wire().parsedStatements[name] !== undefined;
  }

  private nameOf(text: string): string | undefined {
    const known = this.names.get(text);
    if (known || this.names.size >= MAX_PREPARED_PER_CONNECTION) return known;
    const name = `alur_${createHash('sha1').update(text).digest('hex').slice(0, 24)}${this.renamed ? `_${this.renamed}` : ''}`;
    this.names.set(text, name);
    return name;
  }

  private forgetIfStale(error: unknown, text: string): void {
    if (!isStalePlan(error)) return;
    this.renamed++;
    this.names.delete(text);
  }
}

/** The PreparingClient that runs the open transaction `tx`, if one does. */
function preparingClientOf(tx: EntityManager): PreparingClient | undefined {
  const client = (tx.queryRunner as unknown as { databaseConnection?: unknown } | undefined)?.databaseConnection;
  return client instanceof PreparingClient && tx.queryRunner?.isTransactionActive ? client : undefined;
}

/** The rows of a statement run on the client itself; its failure as TypeORM's (QueryFailedError), as tx.query would throw it. */
async function rowsOf<Row>(text: string, values: unknown[], run: () => Promise<QueryResult>): Promise<Row[]> {
  try {
    return (await run()).rows as Row[];
  } catch (error) {
    throw new QueryFailedError(text, values, error as Error);
  }
}

/**
 * Runs the first statement of the transaction `tx` with the rest of the transaction, this statement
 * included, on generic plans (PostgreSQL's plan_cache_mode, local to the transaction), where its
 * connection can (PreparingClient.queryFirstOnGenericPlans); otherwise runs it as any statement.
 *
 * PostgreSQL plans a prepared statement anew for every execution whose parameter values it thinks would
 * change the plan, as they would for every statement that takes an array (`= ANY($1)`, `unnest($1)`). On
 * the event spine, where such statements run for every event and always find their rows by key, that
 * planning cost as much as running them. Transactions that do not ask keep PostgreSQL's own choice:
 * searches and lists can deserve a plan made for the values at hand.
 */
export async function queryOnGenericPlans<Row>(tx: EntityManager, text: string, values: unknown[]): Promise<Row[]> {
  const client = preparingClientOf(tx);
  if (client?.beginsWithNext()) return rowsOf<Row>(text, values, () => client.queryFirstOnGenericPlans(text, values));
  return (await tx.query(text, values)) as Row[];
}

/**
 * Runs the last statement of the transaction `tx` and commits in the same round trip where its connection
 * can (PreparingClient.queryThenCommit; when it is also the first, without BEGIN or COMMIT at all,
 * queryAsWholeTransaction); otherwise runs it as any statement, and the COMMIT follows as usual. Nothing
 * may run in the transaction after it. Answers the statement's rows.
 */
export async function queryAndCommit<Row>(tx: EntityManager, text: string, values: unknown[]): Promise<Row[]> {
  const client = preparingClientOf(tx);
  if (client?.beginsWithNext()) return rowsOf<Row>(text, values, () => client.queryAsWholeTransaction(text, values));
  if (client?.canCommitWith()) return rowsOf<Row>(text, values, () => client.queryThenCommit(text, values));
  return (await tx.query(text, values)) as Row[];
}
