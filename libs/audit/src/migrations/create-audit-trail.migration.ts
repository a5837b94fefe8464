import { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit trail table of a service's schema; a service includes AUDIT_TRAIL_MIGRATIONS in its migrations. */
export class CreateAuditTrail1764000000000 implements MigrationInterface {
  name = 'CreateAuditTrail1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_record (
        seq                 bigserial PRIMARY KEY,
        id                  uuid NOT NULL UNIQUE,
        occurred_at         timestamptz NOT NULL,
        actor               jsonb,
        actor_user_id       text,
        -- the official a Plt/Plh acted for, when someone acted in another's place
        acting_for_user_id  text,
        action              text NOT NULL,
        entity_type         text NOT NULL,
        entity_id           text NOT NULL,
        from_status         text,
        to_status           text,
        before              jsonb,
        after               jsonb,
        prev_hash           char(64) NOT NULL,
        hash                char(64) NOT NULL UNIQUE
      )`);
    await q.query('CREATE INDEX audit_record_entity ON audit_record (entity_type, entity_id, seq)');
    // Public money: a record, once written, stays as it is.
    await q.query(`
      CREATE FUNCTION audit_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_record is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER audit_record_no_change BEFORE UPDATE OR DELETE ON audit_record
      FOR EACH ROW EXECUTE FUNCTION audit_record_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record
      FOR EACH STATEMENT EXECUTE FUNCTION audit_record_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_record');
    await q.query('DROP FUNCTION audit_record_append_only()');
  }
}
