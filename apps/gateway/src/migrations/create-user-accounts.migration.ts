import { MigrationInterface, QueryRunner } from 'typeorm';

/** The gateway's users: who may log in, with which role and over which region. */
export class CreateUserAccounts1764000000000 implements MigrationInterface {
  name = 'CreateUserAccounts1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_account (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username       text NOT NULL,
        password_hash  text NOT NULL,
        role           text NOT NULL CHECK (role IN ('BKM', 'LURAH', 'CAMAT', 'DINAS', 'SEKDA', 'BUPATI', 'BPKAD', 'ADMIN')),
        region_code    text NOT NULL,
        display_name   text NOT NULL,
        language       text NOT NULL DEFAULT 'id' CHECK (language IN ('id', 'en')),
        email          text,
        phone          text,
        active         boolean NOT NULL DEFAULT true,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT user_account_username_key UNIQUE (username),
        -- usernames are compared in lower case; storing only lower case keeps the unique key honest
        CONSTRAINT user_account_username_lower CHECK (username = lower(username))
      )`);
    await q.query(`CREATE INDEX user_account_role_region ON user_account (role, region_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE user_account');
  }
}
