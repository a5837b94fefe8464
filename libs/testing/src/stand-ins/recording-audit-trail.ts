import type { EntityManager } from 'typeorm';
import { chainedRecord, GENESIS_HASH, type AuditEntry, type AuditRecord, type AuditTrail, type UnlinkedAuditRecord } from '@alur/audit';
import type { Rollbackable } from './in-memory-transactions';

/**
 * The audit trail, kept in lists: `entries` are what a use case asked to record, as it wrote them;
 * `records` are what the trail answered, made and chained as the trail makes them (chainedRecord) and
 * numbered as the table numbers them.
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

  /** Makes what rides on the record's insert, as the trail does: a stand-in that stores when its statement is made stores then. */
  async record(
    _tx: EntityManager,
    entry: AuditEntry,
    _alongside?: unknown,
    alongsideRecord?: (record: UnlinkedAuditRecord) => unknown,
  ): Promise<AuditRecord> {
    const previous = this.records.at(-1);
    const record: AuditRecord = { ...chainedRecord(structuredClone(entry), previous?.hash ?? GENESIS_HASH), seq: this.records.length + 1 };
    alongsideRecord?.(record);
    this.entries.push(entry);
    this.records.push(record);
    return record;
  }
}
