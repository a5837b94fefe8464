import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditIntegrity, AuditRecordView, AuditTrailPage, AuditTrailQuery } from '@alur/contracts';
import { hostPlaceholders, idempotencyKeyClaim, RidingStatement, together } from '@alur/database';
import { AUDIT_CHAINS, auditChainOf } from './audit-chains';
import { AuditChainHead, AuditChainVerification, AuditEntry, AuditRecord } from './audit-entry';
import { auditContent, auditHash, GENESIS_HASH, UnlinkedAuditRecord, unlinkedRecord } from './audit-hash';

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

/** A user id (the gateway's user accounts are keyed by UUID); anything else names a user by their username. */
const USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Which of a service's objects belong to one proposal, as SQL that selects (entity_type, entity_id) pairs for the
 * proposal id at `placeholder`: each service knows its own (the approvals service its stages and chains, the
 * disbursements service its disbursement and tranches). A trail without one keeps no records about proposals.
 */
export type ProposalAuditObjects = (placeholder: string) => string;

/** The types of the record's columns it is given, id to after, in order (INSERT … SELECT does not infer them). */
const RECORD_COLUMN_TYPES = ['uuid', 'timestamptz', 'jsonb', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'jsonb', 'jsonb'];

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
   * Records the entry in the caller's transaction, in one round trip: the head of the transaction's chain
   * moves to the new record's hash, computed where the head's row is locked, and the record is inserted
   * with the link. `alongside` (an event's outbox row) and `alongsideRecord`, made from the record (a row
   * that names it), ride on the same statement.
   */
  async record(
    tx: EntityManager,
    entry: AuditEntry,
    alongside?: RidingStatement,
    alongsideRecord?: (record: UnlinkedAuditRecord) => RidingStatement,
  ): Promise<AuditRecord> {
    if (!tx.queryRunner?.isTransactionActive) {
      throw new Error('AuditTrail.record must run inside the transaction of the change it records');
    }
    const chain = auditChainOf(tx);
    const record = unlinkedRecord(entry);
    // Every change is audited, so this is where a request's Idempotency-Key commits with its change.
    const claim = idempotencyKeyClaim();
    const riders = [alongside, alongsideRecord?.(record), claim?.statement].filter((r) => r !== undefined);
    const rider = riders.length > 0 ? riders.reduce(together) : undefined;
    // The riders' parameters come first: the record's are numbered after them.
    const own = hostPlaceholders(rider, 14);
    const typed = own.slice(0, 12).map((placeholder, i) => `${placeholder}::${RECORD_COLUMN_TYPES[i]}`);
    // The head's UPDATE orders the chain's writers: one that waited for the row re-reads it once its holder
    // commits, so `hash` in SET is the hash that holder left, and the new hash (as auditHash computes it)
    // links to it. prev_hash keeps that link for the record's insert (RETURNING sees only the new row), and
    // the record's seq is drawn there too, once the head is held, so that seq order is the chain's order. The
    // sequence is named as bigserial named it: the name resolves once, where the statement is planned, while
    // pg_get_serial_sequence searched the catalogue for it on every record.
    // The key's claim runs before the head is locked (an InitPlan of the UPDATE's WHERE): one that waits for a
    // twin's key then holds no head the twin may need.
    const [row] = (await tx.query(
      `WITH ${rider ? `${rider.with},` : ''} audit_linked AS (
         UPDATE audit_chain_head
            SET prev_hash = hash, hash = encode(sha256(convert_to(hash || E'\\n' || ${own[12]}::text, 'UTF8')), 'hex')
          WHERE chain = ${own[13]}${claim ? ' AND (SELECT count(*) FROM key_claimed) >= 0' : ''}
         RETURNING prev_hash, hash, nextval('audit_record_seq_seq') AS seq
       ), audit_recorded AS (
         INSERT INTO audit_record
           (seq, id, occurred_at, actor, actor_user_id, acting_for_user_id, action, entity_type, entity_id,
            from_status, to_status, before, after, prev_hash, hash, chain)
         SELECT l.seq, ${typed.join(', ')}, l.prev_hash, l.hash, ${own[13]}::smallint
           FROM audit_linked l
         RETURNING seq, prev_hash, hash
       )
       SELECT seq, prev_hash, hash${claim ? `, ${claim.statement.select} AS key_claimed` : ''} FROM audit_recorded`,
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
        auditContent(record),
        chain,
      ],
    )) as Array<{ seq: string; prev_hash: string; hash: string; key_claimed?: boolean }>;
    if (!row) throw new Error(`audit chain ${chain} has no head: the audit trail's migrations have not run`);
    await claim?.settle(tx, row.key_claimed === true);
    return { ...record, seq: Number(row.seq), prevHash: row.prev_hash, hash: row.hash };
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
   * A page of the trail as an administrator reads it, newest first (by seq, the service's one sequence, drawn
   * in each chain's order), narrowed by `query`'s filters; `nextBefore` asks for the older records after it.
   * Keyset-paged, so a page costs the same however far back it is and records written meanwhile move nothing.
   * (A record whose transaction commits after a page was read can still appear among seqs that page covered:
   * seq is drawn before commit.)
   */
  async page(
    query: Partial<AuditTrailQuery> & { pageSize: number },
    { proposalObjects, manager = this.dataSource.manager }: { proposalObjects?: ProposalAuditObjects; manager?: EntityManager } = {},
  ): Promise<AuditTrailPage> {
    const params: unknown[] = [];
    const where: string[] = [];
    const when = (condition: (placeholder: string) => string, value: unknown) => {
      params.push(value);
      where.push(condition(`$${params.length}`));
    };
    if (query.action?.endsWith('.')) when((p) => `action LIKE ${p}`, `${query.action.replace(/[\\%_]/g, '\\$&')}%`);
    else if (query.action) when((p) => `action = ${p}`, query.action);
    if (query.entityType) when((p) => `entity_type = ${p}`, query.entityType);
    if (query.entityId) when((p) => `entity_id = ${p}`, query.entityId);
    if (query.proposalId) {
      if (!proposalObjects) return { items: [], nextBefore: null };
      // The (entity_type, entity_id) index serves each of the proposal's objects.
      when((p) => `(entity_type, entity_id) IN (${proposalObjects(p)})`, query.proposalId);
    }
    // One condition, so that its own index serves it (an OR of the two read 2 million rows for a rare actor).
    if (query.actor && USER_ID.test(query.actor)) when((p) => `actor_user_id = ${p}`, query.actor);
    else if (query.actor) when((p) => `actor ->> 'username' = ${p}`, query.actor);
    if (query.from) when((p) => `occurred_at >= ${p}`, query.from);
    if (query.to) when((p) => `occurred_at < ${p}`, query.to);
    if (query.before !== undefined) when((p) => `seq < ${p}`, query.before);
    params.push(query.pageSize + 1);
    const rows = (await manager.query(
      `SELECT seq, id, occurred_at, actor, action, entity_type, entity_id, from_status, to_status, before, after
         FROM audit_record ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY seq DESC LIMIT $${params.length}`,
      params,
    )) as Array<Omit<AuditRow, 'prev_hash' | 'hash'>>;
    const items = rows.slice(0, query.pageSize).map(toView);
    return { items, nextBefore: rows.length > query.pageSize ? items[items.length - 1].seq : null };
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

  /**
   * The trail verified in one snapshot (so the heads are those of the records verified): its hashes and links,
   * each chain's newest record with their fingerprint, and which of `expected` (heads an earlier verification
   * read) it no longer holds. What the console's and the command line's verifications report for each service.
   */
  integrity(expected: readonly AuditChainHead[] = []): Promise<AuditIntegrity> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const verification = await this.verifyChain(tx);
      const heads = await this.heads(tx);
      return {
        valid: verification.valid,
        checked: verification.checked,
        firstBroken: verification.valid ? null : verification.firstBroken,
        heads,
        missingHeads: await this.missingHeads(expected, tx),
        fingerprint: headsFingerprint(heads),
      };
    });
  }

  /** Each chain's newest record, by chain: what an auditor keeps elsewhere to catch the removal verifyChain cannot see. */
  async heads(manager: EntityManager = this.dataSource.manager): Promise<AuditChainHead[]> {
    const rows = (await manager.query('SELECT DISTINCT ON (chain) chain, seq, hash FROM audit_record ORDER BY chain, seq DESC')) as Array<{
      chain: number;
      seq: string;
      hash: string;
    }>;
    return rows.map((row) => ({ chain: Number(row.chain), seq: Number(row.seq), hash: row.hash }));
  }

  /**
   * The heads read earlier that the trail no longer holds as they were (no record at that place of that chain
   * with that hash): records were removed or rewritten since, even where what is left still verifies.
   */
  async missingHeads(expected: readonly AuditChainHead[], manager: EntityManager = this.dataSource.manager): Promise<AuditChainHead[]> {
    if (expected.length === 0) return [];
    const held = (await manager.query(
      `SELECT r.seq FROM audit_record r
         JOIN unnest($1::smallint[], $2::bigint[], $3::text[]) AS e(chain, seq, hash) ON r.seq = e.seq AND r.chain = e.chain AND r.hash = e.hash`,
      [expected.map((h) => h.chain), expected.map((h) => h.seq), expected.map((h) => h.hash)],
    )) as Array<{ seq: string }>;
    const found = new Set(held.map((row) => Number(row.seq)));
    return expected.filter((head) => !found.has(head.seq));
  }
}

/** The heads in a few characters, to write down beside the date or compare by eye. */
export function headsFingerprint(heads: readonly AuditChainHead[]): string {
  return createHash('sha256')
    .update(heads.map((h) => `${h.chain}:${h.seq}:${h.hash}`).join('\n'))
    .digest('hex')
    .slice(0, 16);
}

function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

function toView(row: Omit<AuditRow, 'prev_hash' | 'hash'>): AuditRecordView {
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
  };
}

function toRecord(row: AuditRow): AuditRecord {
  return { ...toView(row), prevHash: row.prev_hash, hash: row.hash };
}
