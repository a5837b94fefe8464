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

/**
 * What a record's hash covers besides the link: its content as canonical JSON. It does not depend on the
 * previous hash, so the trail can send it with the statement that finds that hash (AuditTrail.record).
 */
export function auditContent(record: Omit<AuditRecord, 'seq' | 'prevHash' | 'hash'>): string {
  return canonicalJson({
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
}

/**
 * SHA-256 over the previous row's hash, a newline and this row's content: changing any row breaks every
 * later link. The trail computes the same in SQL (AuditTrail.record); this one verifies.
 */
export function auditHash(record: Omit<AuditRecord, 'seq' | 'hash'>): string {
  return createHash('sha256').update(record.prevHash).update('\n').update(auditContent(record)).digest('hex');
}

/** An entry as the trail keeps it, before it is linked: a new id and time, and what the entry leaves out as null. */
export type UnlinkedAuditRecord = Omit<AuditRecord, 'seq' | 'prevHash' | 'hash'>;

export function unlinkedRecord(entry: AuditEntry): UnlinkedAuditRecord {
  return {
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
  };
}

/** An entry chained after the record whose hash is `prevHash`, as the trail links it. The table numbers it (seq). */
export function chainedRecord(entry: AuditEntry, prevHash: string): Omit<AuditRecord, 'seq'> {
  const unhashed = { ...unlinkedRecord(entry), prevHash };
  return { ...unhashed, hash: auditHash(unhashed) };
}
