import { createHash, randomUUID } from 'node:crypto';
import { AuditEntry, AuditRecord } from './audit-entry';

/** The previous hash of the first row of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every depth. PostgreSQL's jsonb does not keep key order, so the
 * hash must not depend on it; values go through JSON first so that undefined and Dates hash as stored.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value === undefined ? null : JSON.parse(JSON.stringify(value ?? null))));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** SHA-256 over the previous row's hash and this row's content: changing any row breaks every later link. */
export function auditHash(record: Omit<AuditRecord, 'seq' | 'hash'>): string {
  const content = canonicalJson({
    id: record.id,
    occurredAt: record.occurredAt,
    actor: record.actor,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId,
    fromStatus: record.fromStatus,
    toStatus: record.toStatus,
    before: record.before,
    after: record.after,
  });
  return createHash('sha256').update(record.prevHash).update('\n').update(content).digest('hex');
}

/**
 * An entry as the trail keeps it, chained after the record whose hash is `prevHash`: a new id and time,
 * what the entry leaves out as null, and the hash of it all. The table numbers it (seq).
 */
export function chainedRecord(entry: AuditEntry, prevHash: string): Omit<AuditRecord, 'seq'> {
  const unhashed: Omit<AuditRecord, 'seq' | 'hash'> = {
    id: randomUUID(),
    occurredAt: new Date().toISOString(),
    actor: entry.actor,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    fromStatus: entry.fromStatus ?? null,
    toStatus: entry.toStatus ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    prevHash,
  };
  return { ...unhashed, hash: auditHash(unhashed) };
}
