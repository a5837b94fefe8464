import { MigrationInterface, QueryRunner } from 'typeorm';

/** What a programme version asks of a proposal's files (documents checklist) and of its progress reports (photos). */
export class AddProgrammeChecklists1764200000014 implements MigrationInterface {
  name = 'AddProgrammeChecklists1764200000014';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE programme_version ADD COLUMN required_documents jsonb NOT NULL DEFAULT '[]'`);
    await q.query('ALTER TABLE programme_version ADD COLUMN progress_photos_required boolean NOT NULL DEFAULT false');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE programme_version DROP COLUMN progress_photos_required');
    await q.query('ALTER TABLE programme_version DROP COLUMN required_documents');
  }
}
