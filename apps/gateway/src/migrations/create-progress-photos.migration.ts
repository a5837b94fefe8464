import { MigrationInterface, QueryRunner } from 'typeorm';

/** Photos a BKM uploads for its progress reports, kept by the gateway so that any client can attach them. */
export class CreateProgressPhotos1764100000000 implements MigrationInterface {
  name = 'CreateProgressPhotos1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE progress_photo (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        uploaded_by   uuid NOT NULL,
        -- the uploader's village: who may see the photo follows from it, as for the proposal itself
        region_code   text NOT NULL,
        content_type  text NOT NULL,
        size_bytes    int NOT NULL CHECK (size_bytes > 0),
        data          bytea NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE progress_photo');
  }
}
