import { MigrationInterface, QueryRunner } from 'typeorm';

/** The role VERIFIKATOR (field verifier of the dinas teknis) joins the roles a user account may hold. */
export class AllowVerifikatorRole1764200000001 implements MigrationInterface {
  name = 'AllowVerifikatorRole1764200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE user_account DROP CONSTRAINT IF EXISTS user_account_role_check');
    await q.query(
      `ALTER TABLE user_account ADD CONSTRAINT user_account_role_check
         CHECK (role IN ('BKM', 'LURAH', 'CAMAT', 'DINAS', 'SEKDA', 'BUPATI', 'BPKAD', 'ADMIN', 'VERIFIKATOR'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM user_account WHERE role = 'VERIFIKATOR'`);
    await q.query('ALTER TABLE user_account DROP CONSTRAINT user_account_role_check');
    await q.query(
      `ALTER TABLE user_account ADD CONSTRAINT user_account_role_check
         CHECK (role IN ('BKM', 'LURAH', 'CAMAT', 'DINAS', 'SEKDA', 'BUPATI', 'BPKAD', 'ADMIN'))`,
    );
  }
}
