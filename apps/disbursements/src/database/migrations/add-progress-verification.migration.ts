import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Money accountability: a progress report is verified on site before it counts; the swadaya of each
 * proposal bounds what may be reported as spent; each fiscal year of a regency closes for releases.
 */
export class AddProgressVerification1764200000014 implements MigrationInterface {
  name = 'AddProgressVerification1764200000014';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE progress_report
        ADD COLUMN verification_status text NOT NULL DEFAULT 'PENDING' CHECK (verification_status IN ('PENDING', 'ACCEPTED', 'SENT_BACK')),
        ADD COLUMN verification_note text,
        ADD COLUMN verified_by jsonb,
        ADD COLUMN verified_at timestamptz`);
    // Reports made before verification existed have already unlocked what they unlocked.
    await q.query(`UPDATE progress_report SET verification_status = 'ACCEPTED', verified_at = reported_at`);
    await q.query(`CREATE INDEX progress_report_pending ON progress_report (reported_at) WHERE verification_status = 'PENDING'`);
    await q.query(`
      CREATE TABLE proposal_self_help (
        proposal_id        uuid PRIMARY KEY,
        submission_number  int NOT NULL,
        self_help_amount   bigint NOT NULL CHECK (self_help_amount >= 0),
        updated_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE fiscal_year_closing (
        regency_code      text NOT NULL,
        fiscal_year       int NOT NULL,
        releases_close_at timestamptz NOT NULL,
        set_by            jsonb NOT NULL,
        updated_at        timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (regency_code, fiscal_year)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE fiscal_year_closing');
    await q.query('DROP TABLE proposal_self_help');
    await q.query('DROP INDEX progress_report_pending');
    await q.query(`
      ALTER TABLE progress_report
        DROP COLUMN verification_status, DROP COLUMN verification_note, DROP COLUMN verified_by, DROP COLUMN verified_at`);
  }
}
