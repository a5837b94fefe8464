import { MigrationInterface, QueryRunner } from 'typeorm';
import { AUDIT_CHAINS } from '../audit-chains';
import { GENESIS_HASH } from '../audit-hash';

/**
 * The audit trail as AUDIT_CHAINS chains, each with its own head: a transaction locks one head, so
 * audited changes of one service no longer wait for each other's commits. The records written so far
 * stay chain 0, which goes on from its head; the other chains start at the genesis hash.
 */
export class PartitionAuditChain1765400000000 implements MigrationInterface {
  name = 'PartitionAuditChain1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE audit_record ADD COLUMN chain smallint NOT NULL DEFAULT 0');
    await q.query('CREATE INDEX audit_record_chain ON audit_record (chain, seq)');
    await q.query('ALTER TABLE audit_chain_head ADD COLUMN chain smallint NOT NULL DEFAULT 0');
    await q.query('ALTER TABLE audit_chain_head DROP CONSTRAINT audit_chain_head_pkey');
    await q.query('ALTER TABLE audit_chain_head DROP COLUMN only_row');
    await q.query('ALTER TABLE audit_chain_head ADD PRIMARY KEY (chain)');
    await q.query('ALTER TABLE audit_chain_head ALTER COLUMN chain DROP DEFAULT');
    await q.query(`ALTER TABLE audit_chain_head ADD CONSTRAINT audit_chain_head_chain CHECK (chain >= 0 AND chain < ${AUDIT_CHAINS})`);
    await q.query('INSERT INTO audit_chain_head (chain, hash) SELECT chain, $1 FROM generate_series(1, $2 - 1) AS chain', [
      GENESIS_HASH,
      AUDIT_CHAINS,
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    // Back to one chain only while the other chains are empty: their records could not be verified otherwise.
    const [{ others }] = await q.query('SELECT count(*)::int AS others FROM audit_record WHERE chain <> 0');
    if (others > 0) throw new Error(`${others} audit records are in chains other than 0: the single chain cannot be restored`);
    await q.query('DELETE FROM audit_chain_head WHERE chain <> 0');
    await q.query('ALTER TABLE audit_chain_head DROP CONSTRAINT audit_chain_head_chain');
    await q.query('ALTER TABLE audit_chain_head DROP CONSTRAINT audit_chain_head_pkey');
    await q.query('ALTER TABLE audit_chain_head ADD COLUMN only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row)');
    await q.query('ALTER TABLE audit_chain_head DROP COLUMN chain');
    await q.query('DROP INDEX audit_record_chain');
    await q.query('ALTER TABLE audit_record DROP COLUMN chain');
  }
}
