import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The last SPM returned for a tranche, with why and by whom: the official who prepares the next one reads
 * what to correct, and the one who authorises it whether it was. (The audit trail keeps every return.)
 */
export class AddReturnedSpm1765700000001 implements MigrationInterface {
  name = 'AddReturnedSpm1765700000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE tranche ADD COLUMN returned_spm jsonb');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE tranche DROP COLUMN returned_spm');
  }
}
