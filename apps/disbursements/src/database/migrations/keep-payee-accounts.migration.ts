import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What this service keeps of each proposal as last submitted grows from its swadaya to the account its grant is
 * paid into (null for submissions made before proposals named one): its SPMs are checked against it.
 */
export class KeepPayeeAccounts1765900000001 implements MigrationInterface {
  name = 'KeepPayeeAccounts1765900000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE proposal_self_help RENAME TO proposal_submission');
    await q.query('ALTER TABLE proposal_submission ADD COLUMN payee_account jsonb');
    // For the replicas of the release before during a rolling upgrade, which read and write the old name (its
    // INSERT … ON CONFLICT too, a simple view being updatable); a later release drops it.
    await q.query(
      'CREATE VIEW proposal_self_help AS SELECT proposal_id, submission_number, self_help_amount, updated_at FROM proposal_submission',
    );
    await q.query('ALTER TABLE tranche ADD COLUMN spm_account_change_note text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE tranche DROP COLUMN spm_account_change_note');
    await q.query('DROP VIEW proposal_self_help');
    await q.query('ALTER TABLE proposal_submission DROP COLUMN payee_account');
    await q.query('ALTER TABLE proposal_submission RENAME TO proposal_self_help');
  }
}
