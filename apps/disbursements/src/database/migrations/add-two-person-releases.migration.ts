import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Four eyes on every release: a tranche goes READY → PREPARED (the SPM: SP2D number to be, bank
 * account, who prepared it and when) → RELEASED (authorised by a second BPKAD official). The
 * disbursement keeps who decided the proposal's approval stages, none of whom may prepare or authorise.
 */
export class AddTwoPersonReleases1764600000001 implements MigrationInterface {
  name = 'AddTwoPersonReleases1764600000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE disbursement ADD COLUMN stage_decisions jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`
      ALTER TABLE tranche
        ADD COLUMN spm_sp2d_number  text,
        ADD COLUMN spm_bank_account jsonb,
        ADD COLUMN prepared_by      jsonb,
        ADD COLUMN prepared_at      timestamptz`);
    await q.query('ALTER TABLE tranche DROP CONSTRAINT tranche_status_check');
    await q.query(
      `ALTER TABLE tranche ADD CONSTRAINT tranche_status_check CHECK (status IN ('LOCKED', 'READY', 'PREPARED', 'RELEASED', 'CANCELLED'))`,
    );
    await q.query(`
      ALTER TABLE tranche ADD CONSTRAINT tranche_prepared_has_spm CHECK (
        status <> 'PREPARED' OR (spm_sp2d_number IS NOT NULL AND spm_bank_account IS NOT NULL AND prepared_by IS NOT NULL AND prepared_at IS NOT NULL))`);
    // An SP2D number an SPM waits to carry is taken as much as one already issued.
    await q.query(`CREATE UNIQUE INDEX tranche_spm_sp2d_number ON tranche (regency_code, spm_sp2d_number) WHERE status = 'PREPARED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX tranche_spm_sp2d_number');
    await q.query('ALTER TABLE tranche DROP CONSTRAINT tranche_prepared_has_spm');
    await q.query(`UPDATE tranche SET status = 'READY' WHERE status = 'PREPARED'`);
    await q.query('ALTER TABLE tranche DROP CONSTRAINT tranche_status_check');
    await q.query(`ALTER TABLE tranche ADD CONSTRAINT tranche_status_check CHECK (status IN ('LOCKED', 'READY', 'RELEASED', 'CANCELLED'))`);
    await q.query(
      'ALTER TABLE tranche DROP COLUMN spm_sp2d_number, DROP COLUMN spm_bank_account, DROP COLUMN prepared_by, DROP COLUMN prepared_at',
    );
    await q.query('ALTER TABLE disbursement DROP COLUMN stage_decisions');
  }
}
