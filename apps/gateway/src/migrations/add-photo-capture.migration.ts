import { MigrationInterface, QueryRunner } from 'typeorm';

/** Where and when a photo was taken, as the phone wrote it in EXIF; null where it wrote nothing. */
export class AddPhotoCapture1764300000000 implements MigrationInterface {
  name = 'AddPhotoCapture1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE uploaded_file
         ADD COLUMN captured_at timestamptz,
         ADD COLUMN latitude double precision CHECK (latitude BETWEEN -90 AND 90),
         ADD COLUMN longitude double precision CHECK (longitude BETWEEN -180 AND 180)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE uploaded_file DROP COLUMN captured_at, DROP COLUMN latitude, DROP COLUMN longitude');
  }
}
