import { MigrationInterface, QueryRunner } from 'typeorm';

/** Uploads are photos of progress reports or documents of proposals: one table, told apart by kind. */
export class GeneraliseUploads1764100000001 implements MigrationInterface {
  name = 'GeneraliseUploads1764100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE progress_photo RENAME TO uploaded_file');
    await q.query(`ALTER TABLE uploaded_file ADD COLUMN kind text NOT NULL DEFAULT 'photo' CHECK (kind IN ('photo', 'document'))`);
    await q.query('ALTER TABLE uploaded_file ALTER COLUMN kind DROP DEFAULT');
    await q.query(`ALTER TABLE uploaded_file ADD COLUMN file_name text NOT NULL DEFAULT ''`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM uploaded_file WHERE kind <> 'photo'`);
    await q.query('ALTER TABLE uploaded_file DROP COLUMN file_name');
    await q.query('ALTER TABLE uploaded_file DROP COLUMN kind');
    await q.query('ALTER TABLE uploaded_file RENAME TO progress_photo');
  }
}
