import { createHash } from 'node:crypto';
import { Client, QueryResult } from 'pg';

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

/**
 * A pg client that prepares each parameterised statement once per connection (a named statement) and
 * from then on only binds and executes it: PostgreSQL no longer parses and analyses the same text on
 * every call, which was most of its work for the services' short statements. Statements without
 * parameters (BEGIN, COMMIT, SET …) and anything not given as text and values go through unchanged.
 *
 * A statement prepared before a migration changed its result columns fails once; it is then prepared
 * again under a new name, so the next attempt (the caller's retry) works.
 */
export class PreparingClient extends Client {
  /** Statement text → the name it is prepared under on this connection. */
  private readonly names = new Map<string, string>();
  private renamed = 0;

  // pg's query() is heavily overloaded; this forwards every form it does not rewrite as it came.
  override query(...args: any[]): any {
    const [text, values, callback] = args as [unknown, unknown, unknown];
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
