import { EntityManager } from 'typeorm';

/** Runs an UPDATE … RETURNING and gives its rows (TypeORM answers an UPDATE with `[rows, affectedCount]`). */
export async function updateReturning<T>(tx: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const [rows] = (await tx.query(sql, params)) as [T[], number];
  return rows;
}
