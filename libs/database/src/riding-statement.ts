import { EntityManager } from 'typeorm';
import { queryAndCommit } from './preparing-client';

/**
 * A statement that can ride on another's round trip: its WITH items, which must modify data (PostgreSQL
 * runs those to completion whether or not they are read), and one expression for the host's select list,
 * with its parameters numbered from $1 (the host has none of its own). Every statement is a round trip,
 * and each costs both processes more than the little work most of ours do.
 */
export interface RidingStatement {
  with: string;
  select: string;
  params: unknown[];
}

/** A riding statement as a statement of its own, answering its select as `answer`. */
const hosted = (statement: RidingStatement): string => `WITH ${statement.with} SELECT ${statement.select} AS answer`;

/** Runs a riding statement on its own, in a round trip of its own, and answers the value of its select. */
export async function runAlone<T = unknown>(db: EntityManager, statement: RidingStatement): Promise<T> {
  const [row] = (await db.query(hosted(statement), statement.params)) as Array<{ answer: T }>;
  return row.answer;
}

/**
 * Runs a riding statement as the last of its transaction, which commits with it (queryAndCommit: one round
 * trip for the whole transaction when it is also the first), and answers the value of its select.
 */
export async function runAndCommit<T = unknown>(tx: EntityManager, statement: RidingStatement): Promise<T> {
  const [row] = await queryAndCommit<{ answer: T }>(tx, hosted(statement), statement.params);
  return row.answer;
}

/**
 * The host's own parameters as placeholders ($n), `count` of them, numbered after those of what rides on
 * it, which come first in the parameter list: `[...alongside.params, ...own]`.
 */
export function hostPlaceholders(alongside: RidingStatement | null | undefined, count: number): string[] {
  const before = alongside?.params.length ?? 0;
  return Array.from({ length: count }, (_, i) => `$${before + i + 1}`);
}

/**
 * The statement with its placeholders numbered after `count` parameters of a host that puts its own first:
 * `[...own, ...statement.params]`. (Placeholders are found as `$n` anywhere in the text: riding
 * statements hold no string literal with a dollar sign in it.)
 */
export function numberedAfter(statement: RidingStatement, count: number): RidingStatement {
  const shift = (sql: string) => sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + count}`);
  return { with: shift(statement.with), select: shift(statement.select), params: statement.params };
}

/** Two riding statements as one: the second's placeholders are numbered after the first's parameters, and the select is a row of both. */
export function together(first: RidingStatement, second: RidingStatement): RidingStatement {
  const shifted = numberedAfter(second, first.params.length);
  return {
    with: `${first.with}, ${shifted.with}`,
    select: `ROW(${first.select}, ${shifted.select})`,
    params: [...first.params, ...second.params],
  };
}
