import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Preparing and releasing kept their Idempotency-Keys and answers twice: here, and in the platform's
 * `idempotent_request`, claimed with the same change's audit record. The platform's alone answers a
 * repeat now; every key stored here was stored there too, for as long (30 days).
 */
export class DropIdempotencyKeys1765600000001 implements MigrationInterface {
  name = 'DropIdempotencyKeys1765600000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE idempotency_key');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_key (
        key            text PRIMARY KEY,
        operation      text NOT NULL,
        request_hash   char(64) NOT NULL,
        response       text NOT NULL,
        actor_user_id  text,
        created_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX idempotency_key_created ON idempotency_key (created_at)');
  }
}
