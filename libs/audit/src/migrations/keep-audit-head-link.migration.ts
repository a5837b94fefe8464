import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each chain's head keeps the hash before its newest one as well: the writer that moves the head (and so
 * computes the new hash in the UPDATE, where the row is locked) then reads the link it made from RETURNING,
 * and the record and its link are written in one statement where a read of the head and an insert took two.
 */
export class KeepAuditHeadLink1765500000000 implements MigrationInterface {
  name = 'KeepAuditHeadLink1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE audit_chain_head ADD COLUMN prev_hash char(64)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE audit_chain_head DROP COLUMN prev_hash');
  }
}
