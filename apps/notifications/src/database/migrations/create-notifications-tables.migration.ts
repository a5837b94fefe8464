import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The user directory (copied from the gateway's events), acting appointments, what the service knows
 * of each proposal, preferences, the in-app inbox, reminder digests, and external deliveries with
 * every attempt. The unique keys are what keeps a redelivered event from producing a second message.
 */
export class CreateNotificationsTables1765000000001 implements MigrationInterface {
  name = 'CreateNotificationsTables1765000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE recipient (
        user_id       text PRIMARY KEY,
        username      text NOT NULL,
        display_name  text NOT NULL,
        role          text NOT NULL,
        region_code   text NOT NULL,
        language      text NOT NULL CHECK (language IN ('id', 'en')),
        email         text,
        phone         text,
        active        boolean NOT NULL,
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX recipient_by_role_region ON recipient (role, region_code)');
    await q.query(`
      CREATE TABLE acting_appointment (
        appointment_id      uuid PRIMARY KEY,
        acting_user_id      text NOT NULL,
        acting_for_user_id  text NOT NULL,
        role                text NOT NULL,
        region_code         text NOT NULL,
        valid_from          timestamptz NOT NULL,
        valid_until         timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX acting_appointment_by_role_region ON acting_appointment (role, region_code)');
    await q.query(`
      CREATE TABLE proposal_summary (
        proposal_id        uuid PRIMARY KEY,
        title              text NOT NULL,
        village_code       text NOT NULL,
        open_stage_role    text,
        open_stage_region  text,
        updated_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE preference (
        user_id     text PRIMARY KEY,
        language    text CHECK (language IN ('id', 'en')),
        digest      boolean NOT NULL DEFAULT false,
        channels    jsonb NOT NULL DEFAULT '{}',
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE notification (
        id                 uuid PRIMARY KEY,
        recipient_user_id  text NOT NULL,
        event_id           uuid NOT NULL,
        kind               text NOT NULL,
        proposal_id        uuid,
        content            jsonb NOT NULL,
        link               text,
        acting_for         jsonb,
        created_at         timestamptz NOT NULL DEFAULT now(),
        read_at            timestamptz,
        UNIQUE (event_id, recipient_user_id, kind)
      )`);
    await q.query('CREATE INDEX notification_inbox ON notification (recipient_user_id, created_at DESC, id DESC)');
    await q.query('CREATE INDEX notification_unread ON notification (recipient_user_id) WHERE read_at IS NULL');
    await q.query(`
      CREATE TABLE reminder_digest (
        id           uuid PRIMARY KEY,
        user_id      text NOT NULL,
        digest_date  date NOT NULL,
        item_count   int NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, digest_date)
      )`);
    await q.query(`
      CREATE TABLE digest_item (
        notification_id  uuid PRIMARY KEY REFERENCES notification (id),
        user_id          text NOT NULL,
        digest_id        uuid REFERENCES reminder_digest (id),
        line             jsonb NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX digest_item_pending ON digest_item (user_id) WHERE digest_id IS NULL');
    await q.query(`
      CREATE TABLE delivery (
        id                   uuid PRIMARY KEY,
        source_id            uuid NOT NULL,
        recipient_user_id    text NOT NULL,
        channel              text NOT NULL CHECK (channel IN ('email', 'sms', 'whatsapp')),
        kind                 text NOT NULL,
        notification_id      uuid REFERENCES notification (id),
        address              text NOT NULL,
        subject              text NOT NULL,
        body                 text NOT NULL,
        status               text NOT NULL CHECK (status IN ('queued', 'sending', 'retrying', 'sent', 'failed')),
        attempts             int NOT NULL DEFAULT 0,
        retry_round          int NOT NULL DEFAULT 0,
        provider_message_id  text,
        last_error           text,
        created_at           timestamptz NOT NULL DEFAULT now(),
        updated_at           timestamptz NOT NULL DEFAULT now(),
        sent_at              timestamptz,
        UNIQUE (source_id, recipient_user_id, channel)
      )`);
    await q.query(`CREATE INDEX delivery_unfinished ON delivery (updated_at) WHERE status IN ('queued', 'retrying', 'sending')`);
    await q.query(`CREATE INDEX delivery_failed ON delivery (updated_at DESC) WHERE status = 'failed'`);
    await q.query(`
      CREATE TABLE delivery_attempt (
        id            bigserial PRIMARY KEY,
        delivery_id   uuid NOT NULL REFERENCES delivery (id),
        attempt       int NOT NULL,
        outcome       text NOT NULL CHECK (outcome IN ('queued', 'sent', 'failed')),
        reason        text,
        occurred_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX delivery_attempt_by_delivery ON delivery_attempt (delivery_id, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'delivery_attempt',
      'delivery',
      'digest_item',
      'reminder_digest',
      'notification',
      'preference',
      'proposal_summary',
      'acting_appointment',
      'recipient',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
