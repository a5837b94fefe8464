import { MigrationInterface, QueryRunner } from 'typeorm';

/** The role INSPEKTORAT (the regency's internal auditor, who reads and changes nothing) joins the roles a user account may hold. */
export class AllowInspektoratRole1764500000000 implements MigrationInterface {
  name = 'AllowInspektoratRole1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE user_account DROP CONSTRAINT IF EXISTS user_account_role_check');
    await q.query(
      `ALTER TABLE user_account ADD CONSTRAINT user_account_role_check
         CHECK (role IN ('BKM', 'LURAH', 'CAMAT', 'DINAS', 'SEKDA', 'BUPATI', 'BPKAD', 'ADMIN', 'VERIFIKATOR', 'INSPEKTORAT'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM user_account WHERE role = 'INSPEKTORAT'`);
    await q.query('ALTER TABLE user_account DROP CONSTRAINT user_account_role_check');
    await q.query(
      `ALTER TABLE user_account ADD CONSTRAINT user_account_role_check
         CHECK (role IN ('BKM', 'LURAH', 'CAMAT', 'DINAS', 'SEKDA', 'BUPATI', 'BPKAD', 'ADMIN', 'VERIFIKATOR'))`,
    );
  }
}
