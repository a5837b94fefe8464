import { MigrationInterface, QueryRunner } from 'typeorm';
import { GENESIS_HASH } from '../audit-hash';

/**
 * The chain's head, one row holding the newest record's hash: a writer locks that row and reads it in
 * one statement (an advisory lock and a read of the newest record took two), so the chain keeps one
 * order with a statement fewer per audited change.
 */
export class AddAuditChainHead1765300000000 implements MigrationInterface {
  name = 'AddAuditChainHead1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_chain_head (
        only_row  boolean PRIMARY KEY DEFAULT true CHECK (only_row),
        hash      char(64) NOT NULL
      )`);
    await q.query(`INSERT INTO audit_chain_head (hash) SELECT coalesce((SELECT hash FROM audit_record ORDER BY seq DESC LIMIT 1), $1)`, [
      GENESIS_HASH,
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_chain_head');
  }
}
