import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Withdrawn proposals as heard from the proposals service, so that an approval heard after (or in a
 * race with) the withdrawal commits nothing; a commitment made before it is released (WITHDRAWN,
 * its tranches CANCELLED) unless money has already gone out.
 */
export class AddProposalWithdrawals1764200000001 implements MigrationInterface {
  name = 'AddProposalWithdrawals1764200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE proposal_withdrawal (
        proposal_id   uuid PRIMARY KEY,
        withdrawn_at  timestamptz NOT NULL,
        event_id      uuid NOT NULL
      )`);
    await q.query('ALTER TABLE disbursement DROP CONSTRAINT disbursement_status_check');
    await q.query(
      `ALTER TABLE disbursement ADD CONSTRAINT disbursement_status_check CHECK (status IN ('AWAITING_BUDGET', 'FUNDING', 'COMPLETED', 'WITHDRAWN'))`,
    );
    await q.query('ALTER TABLE tranche DROP CONSTRAINT tranche_status_check');
    await q.query(`ALTER TABLE tranche ADD CONSTRAINT tranche_status_check CHECK (status IN ('LOCKED', 'READY', 'RELEASED', 'CANCELLED'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE tranche DROP CONSTRAINT tranche_status_check');
    await q.query(`ALTER TABLE tranche ADD CONSTRAINT tranche_status_check CHECK (status IN ('LOCKED', 'READY', 'RELEASED'))`);
    await q.query('ALTER TABLE disbursement DROP CONSTRAINT disbursement_status_check');
    await q.query(
      `ALTER TABLE disbursement ADD CONSTRAINT disbursement_status_check CHECK (status IN ('AWAITING_BUDGET', 'FUNDING', 'COMPLETED'))`,
    );
    await q.query('DROP TABLE proposal_withdrawal');
  }
}
