import { MigrationInterface, QueryRunner } from 'typeorm';

/** Attempts of sent deliveries are pruned by age (see NOTIFICATIONS_RETENTION). */
export class AddDeliveryAttemptRetentionIndex1765000000002 implements MigrationInterface {
  name = 'AddDeliveryAttemptRetentionIndex1765000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX delivery_attempt_occurred ON delivery_attempt (occurred_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX delivery_attempt_occurred');
  }
}
