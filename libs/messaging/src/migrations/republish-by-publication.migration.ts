import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `outbox:republish` selects by publication time (`outbox_event_published`, which the retention clean-up
 * already keeps), so the index on `created_at` served nothing: every outbox row paid for it twice, on its
 * insert and again on the update that marks it published.
 */
export class RepublishByPublication1765700000000 implements MigrationInterface {
  name = 'RepublishByPublication1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX outbox_event_created');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX outbox_event_created ON outbox_event (created_at)');
  }
}
