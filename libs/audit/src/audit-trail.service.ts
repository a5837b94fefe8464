import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { claimIdempotencyKeyIn, hostPlaceholders, RidingStatement } from '@alur/database';
import { AUDIT_CHAINS, auditChainOf } from './audit-chains';
import { AuditChainVerification, AuditEntry, AuditRecord } from './audit-entry';
import { auditHash, chainedRecord, GENESIS_HASH } from './audit-hash';

interface AuditRow {
  seq: string;
  id: string;
  occurred_at: Date;
  actor: AuditRecord['actor'];
  action: string;
  entity_type: string;
  entity_id: string;
  from_status: string | null;
  to_status: string | null;
  before: unknown;
  after: unknown;
  prev_hash: string;
  hash: string;
}

const VERIFY_BATCH = 1000;

/**
 * The append-only, hash-chained audit trail of one service's schema, kept in AUDIT_CHAINS chains.
 * Records are written in the caller's transaction, so a change and its record commit together; a
 * transaction's records go to one chain (auditChainOf), whose writers serialise on the row lock of its
 * head (its newest hash), so each chain has one order. A trigger refuses UPDATE and DELETE.
 */
@Injectable()
export class AuditTrail {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Records the entry in the caller's transaction. `alongside` (an event's outbox row) rides on the head's
   * lock; `alongsideRecord`, made from the record (a row that names it), rides on the record's insert.
   */
  async record(
    tx: EntityManager,
    entry: AuditEntry,
    alongside?: RidingStatement,
    alongsideRecord?: (record: Omit<AuditRecord, 'seq'>) => RidingStatement,
  ): Promise<AuditRecord> {
    if (!tx.queryRunner?.isTransactionActive) {
      throw new Error('AuditTrail.record must run inside the transaction of the change it records');
    }
    // Every change is audited, so this is where a request's Idempotency-Key commits with its change.
    await claimIdempotencyKeyIn(tx);
    // The head's row lock orders the chain's writers; a writer that waited for it reads the hash its holder left.
    const chain = auditChainOf(tx);
    const [chainParam] = hostPlaceholders(alongside, 1);
    const [head] = (await (alongside
      ? tx.query(
          `WITH ${alongside.with} SELECT hash, ${alongside.select} AS alongside FROM audit_chain_head WHERE chain = ${chainParam} FOR UPDATE`,
          [...alongside.params, chain],
        )
      : tx.query('SELECT hash FROM audit_chain_head WHERE chain = $1 FOR UPDATE', [chain]))) as Array<{ hash: string }>;
    const record = chainedRecord(entry, head.hash);
    const rider = alongsideRecord?.(record);
    // The rider's parameters come first: the record's are numbered after them.
    const own = hostPlaceholders(rider, 15);
    const [{ seq }] = (await tx.query(
      `WITH ${rider ? `${rider.with},` : ''} recorded AS (
         INSERT INTO audit_record
           (id, occurred_at, actor, actor_user_id, acting_for_user_id, action, entity_type, entity_id,
            from_status, to_status, before, after, prev_hash, hash, chain)
         VALUES (${own.join(', ')})
         RETURNING seq
       ), moved AS (UPDATE audit_chain_head SET hash = ${own[13]} WHERE chain = ${own[14]})
       SELECT seq${rider ? `, ${rider.select} AS alongside` : ''} FROM recorded`,
      [
        ...(rider?.params ?? []),
        record.id,
        record.occurredAt,
        json(record.actor),
        entry.actor?.userId ?? null,
        entry.actor?.actingFor?.userId ?? null,
        record.action,
        record.entityType,
        record.entityId,
        record.fromStatus,
        record.toStatus,
        json(record.before),
        json(record.after),
        record.prevHash,
        record.hash,
        chain,
      ],
    )) as Array<{ seq: string }>;
    return { ...record, seq: Number(seq) };
  }

  /** The records of one entity, oldest first. */
  async history(entityType: string, entityId: string, manager: EntityManager = this.dataSource.manager): Promise<AuditRecord[]> {
    const rows = (await manager.query('SELECT * FROM audit_record WHERE entity_type = $1 AND entity_id = $2 ORDER BY seq', [
      entityType,
      entityId,
    ])) as AuditRow[];
    return rows.map(toRecord);
  }

  /**
   * Re-hashes every chain from its first row and reports the first row (by chain, then seq) whose content
   * or link does not match. (Removing a chain's newest rows leaves a shorter valid chain: keep the latest
   * hashes elsewhere to catch that.)
   */
  async verifyChain(manager: EntityManager = this.dataSource.manager): Promise<AuditChainVerification> {
    let checked = 0;
    for (let chain = 0; chain < AUDIT_CHAINS; chain++) {
      let previous = GENESIS_HASH;
      let afterSeq = '0';
      for (;;) {
        const rows = (await manager.query('SELECT * FROM audit_record WHERE chain = $1 AND seq > $2 ORDER BY seq LIMIT $3', [
          chain,
          afterSeq,
          VERIFY_BATCH,
        ])) as AuditRow[];
        if (rows.length === 0) break;
        for (const row of rows) {
          const record = toRecord(row);
          if (record.prevHash !== previous) {
            return { valid: false, checked, firstBroken: { seq: record.seq, id: record.id, reason: 'chain-broken' } };
          }
          if (auditHash(record) !== record.hash) {
            return { valid: false, checked, firstBroken: { seq: record.seq, id: record.id, reason: 'content-changed' } };
          }
          previous = record.hash;
          checked++;
        }
        afterSeq = rows[rows.length - 1].seq;
      }
    }
    return { valid: true, checked };
  }
}

function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

function toRecord(row: AuditRow): AuditRecord {
  return {
    seq: Number(row.seq),
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    actor: row.actor,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    before: row.before,
    after: row.after,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
