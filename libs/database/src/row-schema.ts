import { z } from 'zod';
import { EntityManager } from 'typeorm';
import { rupiahOf } from './rupiah-column';

/**
 * Checked reads of raw query rows: a repository declares each row's shape once as a zod schema, and
 * a row that does not match fails loudly where it was read, naming the statement, instead of
 * travelling on as a wrong type behind an `as Row[]` cast.
 */

/** A bigint column (the pg driver hands it over as a string) read as whole rupiah: exact, or refused; never rounded. */
export const rupiahField = z.union([z.string(), z.number()]).transform((value, ctx) => {
  try {
    return rupiahOf(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

/**
 * A timestamptz read from inside a row built in SQL (json_agg, json_build_object): PostgreSQL writes it as
 * ISO 8601 text with its offset, which the driver leaves as a string; read as the Date a column would give.
 */
export const jsonTimestamp = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

/**
 * A jsonb column checked against its contract schema but kept exactly as stored: the check does not
 * strip or re-shape anything, so what was written is what is answered (stored answers, events, audit).
 */
export function jsonField<S extends z.ZodType>(schema: S) {
  return z.custom<z.output<S>>((value) => schema.safeParse(value).success, { message: 'does not match its JSON schema' });
}

/**
 * Each row is checked on its own against the repository's schema: wrapping it in `z.array` here built a new
 * schema on every read, and zod 4 spends more building a schema than checking a row with it.
 */
function checkedRows<S extends z.ZodType>(schema: S, rows: unknown, sql: string): Array<z.output<S>> {
  const refuse = (problem: string) => {
    const statement = sql.trim().split('\n')[0].slice(0, 120);
    return new Error(`Rows of "${statement}" do not have the expected shape:\n${problem}`);
  };
  if (!Array.isArray(rows)) throw refuse(`expected rows, got ${rows === null ? 'null' : typeof rows}`);
  return rows.map((row, index) => {
    const parsed = schema.safeParse(row);
    if (!parsed.success) throw refuse(`row ${index}: ${z.prettifyError(parsed.error)}`);
    return parsed.data;
  });
}

/** Runs a statement that answers rows (SELECT, INSERT … RETURNING) and reads them through `schema`. */
export async function queryRows<S extends z.ZodType>(
  db: EntityManager,
  schema: S,
  sql: string,
  params: unknown[] = [],
): Promise<Array<z.output<S>>> {
  return checkedRows(schema, await db.query(sql, params), sql);
}

/** Runs an UPDATE or DELETE … RETURNING (TypeORM answers those with `[rows, affectedCount]`) and reads its rows through `schema`. */
export async function updateRows<S extends z.ZodType>(
  db: EntityManager,
  schema: S,
  sql: string,
  params: unknown[] = [],
): Promise<Array<z.output<S>>> {
  const [rows] = (await db.query(sql, params)) as [unknown, number];
  return checkedRows(schema, rows, sql);
}
