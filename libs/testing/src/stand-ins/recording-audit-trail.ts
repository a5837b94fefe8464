import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuditEntry, AuditRecord, AuditTrail } from '@alur/audit';
import type { Rollbackable } from './in-memory-transactions';

/**
 * The audit trail, kept in lists: `entries` are what a use case asked to record, as it wrote them;
 * `records` are what the trail answered, numbered as the table numbers them (no hash chain: that is
 * the trail's own integration test's to prove).
 */
export class RecordingAuditTrail implements Pick<AuditTrail, 'record'>, Rollbackable {
  entries: AuditEntry[] = [];
  records: AuditRecord[] = [];

  snapshot(): () => void {
    const [entries, records] = [[...this.entries], [...this.records]];
    return () => {
      [this.entries, this.records] = [entries, records];
    };
  }

  async record(_tx: EntityManager, entry: AuditEntry): Promise<AuditRecord> {
    const record: AuditRecord = {
      seq: this.records.length + 1,
      id: randomUUID(),
      occurredAt: new Date().toISOString(),
      actor: entry.actor,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      fromStatus: entry.fromStatus ?? null,
      toStatus: entry.toStatus ?? null,
      before: structuredClone(entry.before ?? null),
      after: structuredClone(entry.after ?? null),
      prevHash: '',
      hash: '',
    };
    this.entries.push(entry);
    this.records.push(record);
    return record;
  }
}
