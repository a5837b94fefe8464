import { MigrationInterface, QueryRunner } from 'typeorm';

/** The documents a BKM attaches to a proposal (DED, RAB sheet, site photos), by reference to the gateway's uploads. */
export class AddProposalDocuments1764100000002 implements MigrationInterface {
  name = 'AddProposalDocuments1764100000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE proposal ADD COLUMN documents jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE proposal DROP COLUMN documents');
  }
}
