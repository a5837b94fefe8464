import { MigrationInterface, QueryRunner } from 'typeorm';

/** Idempotency keys were pruned by age (the table went in DropIdempotencyKeys). */
export class AddIdempotencyKeyRetentionIndex1764500000001 implements MigrationInterface {
  name = 'AddIdempotencyKeyRetentionIndex1764500000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX idempotency_key_created ON idempotency_key (created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX idempotency_key_created');
  }
}
