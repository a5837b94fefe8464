import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every committed change of what an access token depends on (the account's existence, active flag,
 * role, region, token version) NOTIFYs the gateways, whoever makes it: a replica, an import, an
 * operator's SQL. Each gateway then forgets what it believed of the account (AccountStanding). The
 * channel is accountStandingChannel(schema).
 */
export class NotifyAccountStanding1764400000000 implements MigrationInterface {
  name = 'NotifyAccountStanding1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_account_standing() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('alur_account_' || TG_TABLE_SCHEMA, (CASE TG_OP WHEN 'DELETE' THEN OLD.id ELSE NEW.id END)::text);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER user_account_standing
        AFTER INSERT OR DELETE OR UPDATE OF active, role, region_code, token_version ON user_account
        FOR EACH ROW EXECUTE FUNCTION notify_account_standing()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER user_account_standing ON user_account');
    await q.query('DROP FUNCTION notify_account_standing()');
  }
}
