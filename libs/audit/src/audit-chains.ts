import { randomInt } from 'node:crypto';
import { EntityManager } from 'typeorm';

/**
 * How many hash chains one service's audit trail is kept in. Each has a head whose row lock orders its
 * writers until they commit; one head made every audited change of a service wait for the commit of the
 * one before (in `bench:lifecycle`, 45 ms per change on average). Changing it needs a migration.
 */
export const AUDIT_CHAINS = 16;

/** Where a transaction's query runner keeps its chain (a test may set it to pick one). */
export const AUDIT_CHAIN_OF_TRANSACTION = 'alurAuditChain';

/**
 * The chain the transaction's records go to: drawn for its first record, the same for the rest, so a
 * transaction locks one head and two transactions cannot wait for each other's heads.
 */
export function auditChainOf(tx: EntityManager): number {
  const runner = tx.queryRunner!;
  const data = runner.data as Record<string, unknown>;
  const chosen = data[AUDIT_CHAIN_OF_TRANSACTION];
  if (typeof chosen === 'number') return chosen;
  const chain = randomInt(AUDIT_CHAINS);
  runner.data = { ...data, [AUDIT_CHAIN_OF_TRANSACTION]: chain };
  return chain;
}
