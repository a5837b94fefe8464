import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The name of each programme, from its latest published version, so that messages name a programme as the
 * console does ("KOTAKU (Kota Tanpa Kumuh) 2026") rather than by its code.
 */
export class CreateProgrammeNameTable1765000000003 implements MigrationInterface {
  name = 'CreateProgrammeNameTable1765000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE programme_name (
        code        text PRIMARY KEY,
        version     integer NOT NULL,
        name        text NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE programme_name');
  }
}
