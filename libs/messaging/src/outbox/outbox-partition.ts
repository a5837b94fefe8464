/** Number of relay partitions. Changing it re-maps aggregates, so only change it with an empty outbox. */
export const OUTBOX_PARTITIONS = 16;

/** FNV-1a: a stable hash so that every event of one aggregate lands in the same partition. */
export function outboxPartition(aggregateId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < aggregateId.length; i++) {
    hash ^= aggregateId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % OUTBOX_PARTITIONS;
}

/** The core NATS subject on which a service's relays (every replica) are told that its outbox has new events. */
export function outboxWakeSubject(subjectPrefix: string, service: string): string {
  return `outbox.${subjectPrefix}.${service}`;
}
