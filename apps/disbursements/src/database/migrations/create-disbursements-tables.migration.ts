import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Programme versions as heard from the proposals service, budget ceilings (pagu), disbursements with
 * their tranches (termin), progress reports, and the idempotency keys of releases. Money is bigint rupiah.
 */
export class CreateDisbursementsTables1764100000001 implements MigrationInterface {
  name = 'CreateDisbursementsTables1764100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE programme_version (
        code                   text NOT NULL,
        version                int NOT NULL,
        fiscal_year            int NOT NULL,
        tranche_plan           jsonb NOT NULL,
        ceiling_region_level   text NOT NULL CHECK (ceiling_region_level IN ('village', 'district', 'regency')),
        ceiling_amount         bigint NOT NULL CHECK (ceiling_amount >= 0),
        definition             jsonb NOT NULL,
        published_at           timestamptz NOT NULL,
        PRIMARY KEY (code, version)
      )`);
    await q.query(`
      CREATE TABLE budget_ceiling (
        program_code   text NOT NULL,
        fiscal_year    int NOT NULL,
        region_code    text NOT NULL,
        region_level   text NOT NULL,
        regency_code   text NOT NULL,
        amount         bigint NOT NULL CHECK (amount >= 0),
        committed      bigint NOT NULL DEFAULT 0 CHECK (committed >= 0),
        released       bigint NOT NULL DEFAULT 0 CHECK (released >= 0),
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (program_code, fiscal_year, region_code),
        -- the last line of defence: whatever the code does, a ceiling is never over-committed
        CONSTRAINT budget_ceiling_committed_within_amount CHECK (committed <= amount),
        CONSTRAINT budget_ceiling_released_within_committed CHECK (released <= committed)
      )`);
    await q.query('CREATE INDEX budget_ceiling_regency ON budget_ceiling (regency_code, program_code, fiscal_year)');
    await q.query(`
      CREATE TABLE disbursement (
        id                   uuid PRIMARY KEY,
        proposal_id          uuid NOT NULL UNIQUE,
        program_code         text NOT NULL,
        program_version      int NOT NULL,
        fiscal_year          int NOT NULL,
        ceiling_region_code  text NOT NULL,
        village_code         text NOT NULL,
        district_code        text NOT NULL,
        regency_code         text NOT NULL,
        title                text NOT NULL,
        amount               bigint NOT NULL CHECK (amount >= 0),
        released             bigint NOT NULL DEFAULT 0,
        status               text NOT NULL CHECK (status IN ('AWAITING_BUDGET', 'FUNDING', 'COMPLETED')),
        approved_at          timestamptz NOT NULL,
        -- breaks ties between proposals approved at the same instant: first heard, first served
        arrival              bigserial NOT NULL,
        committed_at         timestamptz,
        completed_at         timestamptz,
        created_at           timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT disbursement_released_within_amount CHECK (released >= 0 AND released <= amount),
        FOREIGN KEY (program_code, program_version) REFERENCES programme_version (code, version),
        FOREIGN KEY (program_code, fiscal_year, ceiling_region_code) REFERENCES budget_ceiling (program_code, fiscal_year, region_code)
      )`);
    await q.query(`
      CREATE INDEX disbursement_waiting ON disbursement (program_code, fiscal_year, ceiling_region_code, approved_at, arrival)
      WHERE status = 'AWAITING_BUDGET'`);
    await q.query('CREATE INDEX disbursement_regency ON disbursement (regency_code, approved_at DESC)');
    await q.query('CREATE INDEX disbursement_district ON disbursement (district_code, approved_at DESC)');
    await q.query('CREATE INDEX disbursement_village ON disbursement (village_code, approved_at DESC)');
    await q.query(`
      CREATE TABLE tranche (
        disbursement_id          uuid NOT NULL REFERENCES disbursement (id),
        number                   int NOT NULL CHECK (number >= 1),
        share_bp                 int NOT NULL CHECK (share_bp BETWEEN 0 AND 10000),
        unlock_progress_percent  int NOT NULL CHECK (unlock_progress_percent BETWEEN 0 AND 100),
        amount                   bigint NOT NULL CHECK (amount >= 0),
        status                   text NOT NULL CHECK (status IN ('LOCKED', 'READY', 'RELEASED')),
        regency_code             text NOT NULL,
        ready_at                 timestamptz,
        sp2d_number              text,
        released_at              timestamptz,
        released_by              jsonb,
        recorded_at              timestamptz,
        PRIMARY KEY (disbursement_id, number),
        CONSTRAINT tranche_released_has_sp2d CHECK ((status = 'RELEASED') = (sp2d_number IS NOT NULL AND released_at IS NOT NULL))
      )`);
    // An SP2D number identifies one payment order of the regency's treasury: it pays one tranche only.
    await q.query('CREATE UNIQUE INDEX tranche_sp2d_number ON tranche (regency_code, sp2d_number) WHERE sp2d_number IS NOT NULL');
    await q.query(`
      CREATE TABLE progress_report (
        id                         uuid PRIMARY KEY,
        disbursement_id            uuid NOT NULL REFERENCES disbursement (id),
        physical_progress_percent  int NOT NULL CHECK (physical_progress_percent BETWEEN 0 AND 100),
        amount_spent               bigint NOT NULL CHECK (amount_spent >= 0),
        note                       text NOT NULL,
        photos                     jsonb NOT NULL DEFAULT '[]',
        final                      boolean NOT NULL,
        reported_by                jsonb NOT NULL,
        reported_at                timestamptz NOT NULL DEFAULT now(),
        seq                        bigserial NOT NULL
      )`);
    await q.query('CREATE INDEX progress_report_disbursement ON progress_report (disbursement_id, seq)');
    await q.query(`
      CREATE TABLE idempotency_key (
        key            text PRIMARY KEY,
        operation      text NOT NULL,
        request_hash   char(64) NOT NULL,
        -- kept as text, byte for byte, so that a repeated request gets exactly the first answer
        response       text NOT NULL,
        actor_user_id  text,
        created_at     timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE idempotency_key');
    await q.query('DROP TABLE progress_report');
    await q.query('DROP TABLE tranche');
    await q.query('DROP TABLE disbursement');
    await q.query('DROP TABLE budget_ceiling');
    await q.query('DROP TABLE programme_version');
  }
}
