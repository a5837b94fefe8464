import { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbox, inbox and dead-letter tables, in the schema of each service that includes this migration. */
export class CreateMessagingTables1763900000000 implements MigrationInterface {
  name = 'CreateMessagingTables1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_event (
        seq           bigserial PRIMARY KEY,
        id            uuid NOT NULL UNIQUE,
        subject       text NOT NULL,
        aggregate_id  text NOT NULL,
        -- the relay publishes each partition in seq order under one lock: order per aggregate holds
        partition     smallint NOT NULL,
        envelope      jsonb NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        published_at  timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_event_pending ON outbox_event (partition, seq) WHERE published_at IS NULL`);
    await q.query(`CREATE INDEX outbox_event_created ON outbox_event (created_at)`);
    await q.query(`
      CREATE TABLE inbox_entry (
        event_id    uuid NOT NULL,
        handler     text NOT NULL,
        handled_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_id, handler)
      )`);
    await q.query(`
      CREATE TABLE dead_letter (
        id             bigserial PRIMARY KEY,
        subject        text NOT NULL,
        stream_seq     bigint,
        event_id       text,
        data           bytea NOT NULL,
        reason         text NOT NULL,
        attempts       int NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        replayed_at    timestamptz
      )`);
    await q.query(`CREATE INDEX dead_letter_open ON dead_letter (created_at) WHERE replayed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE dead_letter');
    await q.query('DROP TABLE inbox_entry');
    await q.query('DROP TABLE outbox_event');
  }
}
