import { MigrationInterface, QueryRunner } from 'typeorm';

/** A user's token version: raising it (logout) makes every access token issued before worthless at once. */
export class AddTokenVersion1764200000000 implements MigrationInterface {
  name = 'AddTokenVersion1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE user_account ADD COLUMN token_version integer NOT NULL DEFAULT 0');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE user_account DROP COLUMN token_version');
  }
}
