import { MigrationInterface, QueryRunner } from 'typeorm';

/** Programmes (versioned), proposals with their budget lines (RAB), and each proposal's timeline. */
export class CreateProposalsTables1764000000001 implements MigrationInterface {
  name = 'CreateProposalsTables1764000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE programme_version (
        code                    text NOT NULL,
        version                 int NOT NULL,
        status                  text NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED')),
        name                    text NOT NULL,
        fiscal_year             int NOT NULL,
        eligible_regions        jsonb NOT NULL,
        max_requested_amount    bigint NOT NULL CHECK (max_requested_amount >= 0),
        min_self_help_share_bp  int NOT NULL CHECK (min_self_help_share_bp BETWEEN 0 AND 10000),
        categories              jsonb NOT NULL,
        approval_chain          jsonb NOT NULL,
        reminder_schedule       jsonb NOT NULL,
        tranche_plan            jsonb NOT NULL,
        ceiling_region_level    text NOT NULL,
        ceiling_amount          bigint NOT NULL CHECK (ceiling_amount >= 0),
        created_at              timestamptz NOT NULL DEFAULT now(),
        created_by              text,
        published_at            timestamptz,
        published_by            text,
        PRIMARY KEY (code, version)
      )`);
    // One open draft per programme: a second admin's draft would silently compete with the first.
    await q.query(`CREATE UNIQUE INDEX programme_version_one_draft ON programme_version (code) WHERE status = 'DRAFT'`);
    // Proposals keep the version they were submitted under: a published version must never change.
    await q.query(`
      CREATE FUNCTION programme_version_published_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'programme % version % is published and cannot change', OLD.code, OLD.version
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER programme_version_published_final BEFORE UPDATE OR DELETE ON programme_version
      FOR EACH ROW WHEN (OLD.status = 'PUBLISHED') EXECUTE FUNCTION programme_version_published_is_final()`);

    await q.query(`
      CREATE TABLE proposal (
        id                    uuid PRIMARY KEY,
        program_code          text NOT NULL,
        program_version       int NOT NULL,
        village_code          text NOT NULL,
        district_code         text NOT NULL,
        regency_code          text NOT NULL,
        title                 text NOT NULL,
        category              text,
        description           text,
        executor_group        text,
        households            int,
        poor_households       int,
        budget_total          bigint NOT NULL CHECK (budget_total >= 0),
        self_help_amount      bigint NOT NULL CHECK (self_help_amount >= 0),
        requested_amount      bigint NOT NULL,
        self_help_share_bp    int NOT NULL,
        status                text NOT NULL,
        -- optimistic concurrency: an edit names the version it was made from
        version               int NOT NULL DEFAULT 1,
        submission_number     int NOT NULL DEFAULT 0,
        -- set by the approvals service's events once the chain runs
        current_stage         jsonb,
        bkm_user_id           text NOT NULL,
        created_at            timestamptz NOT NULL DEFAULT now(),
        updated_at            timestamptz NOT NULL DEFAULT now(),
        submitted_at          timestamptz,
        FOREIGN KEY (program_code, program_version) REFERENCES programme_version (code, version)
      )`);
    await q.query('CREATE INDEX proposal_village ON proposal (village_code, updated_at DESC)');
    await q.query('CREATE INDEX proposal_district ON proposal (district_code, updated_at DESC)');
    await q.query('CREATE INDEX proposal_regency ON proposal (regency_code, updated_at DESC)');
    await q.query(`
      CREATE TABLE proposal_budget_item (
        proposal_id          uuid NOT NULL REFERENCES proposal (id) ON DELETE CASCADE,
        position             int NOT NULL,
        description          text NOT NULL,
        quantity_hundredths  bigint NOT NULL CHECK (quantity_hundredths >= 0),
        unit                 text NOT NULL,
        unit_price           bigint NOT NULL CHECK (unit_price >= 0),
        amount               bigint NOT NULL CHECK (amount >= 0),
        PRIMARY KEY (proposal_id, position)
      )`);
    await q.query(`
      CREATE TABLE proposal_timeline_entry (
        id               bigserial PRIMARY KEY,
        proposal_id      uuid NOT NULL REFERENCES proposal (id) ON DELETE CASCADE,
        -- the event (or audit record) it came from: appending the same source twice adds nothing
        source_event_id  text NOT NULL UNIQUE,
        occurred_at      timestamptz NOT NULL,
        kind             text NOT NULL,
        actor            jsonb,
        from_status      text,
        to_status        text,
        note             text,
        details          jsonb
      )`);
    await q.query('CREATE INDEX proposal_timeline_entry_proposal ON proposal_timeline_entry (proposal_id, occurred_at, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE proposal_timeline_entry');
    await q.query('DROP TABLE proposal_budget_item');
    await q.query('DROP TABLE proposal');
    await q.query('DROP TABLE programme_version');
    await q.query('DROP FUNCTION programme_version_published_is_final()');
  }
}
