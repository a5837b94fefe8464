import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The BKM's account a proposal's grant is paid into, named by the BKM and seen by every official who approves it;
 * BPKAD's payment orders then name it. Null for proposals written before it was asked for.
 */
export class AddPayeeAccount1765900000000 implements MigrationInterface {
  name = 'AddPayeeAccount1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE proposal ADD COLUMN payee_account jsonb');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE proposal DROP COLUMN payee_account');
  }
}
