import { MigrationInterface, QueryRunner } from 'typeorm';

/** The reads AuditTrail.page narrows by, each newest first by seq where it can be (entity type and id had theirs). */
const INDEXES: Record<string, string> = {
  // text_pattern_ops: one action (=) and an action's start (LIKE 'proposal.%') in any collation.
  audit_record_action: 'audit_record (action text_pattern_ops, seq)',
  audit_record_actor_user: 'audit_record (actor_user_id, seq)',
  audit_record_actor_username: "audit_record ((actor ->> 'username'), seq)",
  audit_record_occurred_at: 'audit_record (occurred_at)',
};

/**
 * Indexes for an administrator's read of the trail by action, by who acted and by when: without them a
 * rare action or actor is looked for through the whole table. Built CONCURRENTLY (outside a transaction),
 * since a plain build holds off every audited change of the service until it is done; an index left
 * invalid by a build that failed is dropped and built again.
 */
export class IndexAuditTrailReads1765800000000 implements MigrationInterface {
  name = 'IndexAuditTrailReads1765800000000';
  /** Run as the services run migrations (`transaction: 'each'`); TypeORM refuses it in one transaction for all. */
  transaction = false as const;

  async up(q: QueryRunner): Promise<void> {
    for (const [name, definition] of Object.entries(INDEXES)) {
      const [existing] = (await q.query(
        `SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
          WHERE c.relname = $1 AND c.relnamespace = current_schema()::regnamespace`,
        [name],
      )) as Array<{ valid: boolean }>;
      if (existing?.valid) continue;
      if (existing) await q.query(`DROP INDEX CONCURRENTLY ${name}`);
      await q.query(`CREATE INDEX CONCURRENTLY ${name} ON ${definition}`);
    }
  }

  /** A plain drop, quick either way, so that undoing it in a transaction with others works. */
  async down(q: QueryRunner): Promise<void> {
    for (const name of Object.keys(INDEXES)) await q.query(`DROP INDEX IF EXISTS ${name}`);
  }
}
