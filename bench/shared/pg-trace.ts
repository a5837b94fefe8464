/*
 * Preloaded into each service when BENCH_PG_TRACE=<dir> (`node -r`): counts what the process asks
 * PostgreSQL to commit, so that a bench can say which code paths its commits come from without
 * pg_stat_statements. Every statement sent on a pg connection is classified: BEGIN…COMMIT transactions
 * by the statements they ran (their shape), statements outside a transaction each as a commit of its
 * own. SIGWINCH (which Nest's shutdown hooks leave alone, unlike SIGUSR2) resets the counts (the bench sends it when its measured window opens); they are
 * written to <dir>/<BENCH_PG_TRACE_NAME>.json when the process exits.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.BENCH_PG_TRACE;
const name = process.env.BENCH_PG_TRACE_NAME ?? String(process.pid);

interface Counts {
  transactions: Record<string, number>;
  autocommits: Record<string, number>;
  rollbacks: Record<string, number>;
}

const empty = (): Counts => ({ transactions: {}, autocommits: {}, rollbacks: {} });
let counts = empty();
const open = new WeakMap<object, string[]>();

/** A statement's shape: its first words with literals and parameters left out. */
function shape(sql: string): string {
  return sql
    .replace(/\s+/g, ' ')
    .replace(/'[^']*'/g, "'?'")
    .replace(/\$\d+/g, '$')
    .replace(/\b\d+\b/g, 'N')
    .trim()
    .slice(0, 90);
}

const bump = (table: Record<string, number>, key: string) => (table[key] = (table[key] ?? 0) + 1);

function observe(client: object, sql: string): void {
  const s = sql.trim().toUpperCase();
  if (s.startsWith('BEGIN') || s.startsWith('START TRANSACTION')) {
    open.set(client, []);
    return;
  }
  const statements = open.get(client);
  if (s.startsWith('COMMIT') || s.startsWith('ROLLBACK') || s.startsWith('END')) {
    if (!statements) return;
    open.delete(client);
    // A transaction is named by its distinct statements in order: the code path that ran it.
    const key = [...new Set(statements)].join(' ; ');
    bump(s.startsWith('ROLLBACK') ? counts.rollbacks : counts.transactions, key);
    return;
  }
  if (s.startsWith('SAVEPOINT') || s.startsWith('RELEASE') || s.startsWith('LISTEN')) return;
  if (statements) statements.push(shape(sql).slice(0, 60));
  else bump(counts.autocommits, shape(sql));
}

if (dir) {
  // Observed on the wire (pg's Connection), not at Client.query: a transaction's BEGIN rides ahead of its first
  // statement and its COMMIT behind its last as prepared statements bound in the same write (PreparingClient),
  // which a Client.query hook never sees. Every execution binds a statement, named or not, once.
  const { Connection } = require('pg') as { Connection: { prototype: Record<string, (...args: any[]) => unknown> } };
  const texts = new WeakMap<object, Map<string, string>>();
  const wrap = (method: string, before: (connection: object, arg: any) => void) => {
    const original = Connection.prototype[method];
    Connection.prototype[method] = function (this: object, ...args: unknown[]) {
      before(this, args[0]);
      return original.apply(this, args);
    };
  };
  wrap('parse', (connection, query: { name?: string; text: string }) => {
    const named = texts.get(connection) ?? new Map<string, string>();
    texts.set(connection, named);
    named.set(query.name ?? '', query.text);
  });
  wrap('bind', (connection, config: { statement?: string } | undefined) => {
    const text = texts.get(connection)?.get(config?.statement ?? '');
    if (text) observe(connection, text);
  });
  // The simple protocol: `BEGIN;<statement>` is two.
  wrap('query', (connection, text: string) => {
    const [, begin, rest] = /^(BEGIN;)?([\s\S]*)$/.exec(text)!;
    if (begin) observe(connection, 'BEGIN');
    observe(connection, rest);
  });
  process.on('SIGWINCH', () => (counts = empty()));
  process.on('exit', () => {
    const sorted = (table: Record<string, number>) => Object.fromEntries(Object.entries(table).sort((a, b) => b[1] - a[1]));
    const total = (table: Record<string, number>) => Object.values(table).reduce((sum, n) => sum + n, 0);
    writeFileSync(
      join(dir, `${name}.json`),
      JSON.stringify(
        {
          transactions: total(counts.transactions),
          autocommits: total(counts.autocommits),
          rollbacks: total(counts.rollbacks),
          byTransaction: sorted(counts.transactions),
          byAutocommit: sorted(counts.autocommits),
          byRollback: sorted(counts.rollbacks),
        },
        null,
        2,
      ),
    );
  });
}
