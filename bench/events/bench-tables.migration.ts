import { MigrationInterface, QueryRunner } from 'typeorm';

/** The rows both paths write: `note` on the producer side, `note_seen` on the consumer side. */
export class BenchTables1763900000101 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE TABLE note (id bigserial PRIMARY KEY, book text NOT NULL, seq int NOT NULL, text text NOT NULL)');
    await q.query(`CREATE TABLE note_seen (
      handled_order bigserial PRIMARY KEY, event_id uuid NOT NULL, book text NOT NULL, seq int NOT NULL, text text NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE note_seen');
    await q.query('DROP TABLE note');
  }
}
