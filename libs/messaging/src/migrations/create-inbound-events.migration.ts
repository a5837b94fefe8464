import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The consumer's inbound queue: every received event this service handles, kept in PostgreSQL so that
 * order per aggregate, waiting, retries and dead letters are decided here and not by JetStream's
 * redelivery (which differs between nats-server 2.9 and 2.10). It replaces `inbox_entry` (a handled
 * event is a `done` row) and `dead_letter` (a `dead` row, which parks its aggregate).
 */
export class CreateInboundEvents1764400000000 implements MigrationInterface {
  name = 'CreateInboundEvents1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inbound_event (
        id              bigserial PRIMARY KEY,
        -- the event id, or the stream position of a message without one: a redelivery is dropped here
        dedupe_key      text NOT NULL UNIQUE,
        event_id        text,
        subject         text NOT NULL,
        -- aggregateType:aggregateId; events of one key take effect one at a time, in stream order
        aggregate_key   text NOT NULL,
        -- when the stream was created and the position in it: a recreated stream starts counting again
        stream_created  timestamptz NOT NULL,
        stream_seq      bigint NOT NULL,
        data            bytea,
        status          text NOT NULL CHECK (status IN ('pending', 'done', 'dead', 'skipped')),
        attempts        int NOT NULL DEFAULT 0,
        waits           int NOT NULL DEFAULT 0,
        first_failed_at timestamptz,
        waiting_since   timestamptz,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error      text,
        received_at     timestamptz NOT NULL DEFAULT now(),
        dead_at         timestamptz,
        handled_at      timestamptz,
        resolution      text CHECK (resolution IN ('replayed', 'skipped'))
      )`);
    // The processor's question, "the oldest open event of each aggregate", reads only open rows.
    await q.query(
      `CREATE INDEX inbound_event_open ON inbound_event (aggregate_key, stream_created, stream_seq) WHERE status IN ('pending', 'dead')`,
    );
    await q.query(`CREATE INDEX inbound_event_closed ON inbound_event (handled_at) WHERE status IN ('done', 'skipped')`);
    // The outbox's retention clean-up reads published rows by when they were published.
    await q.query(`CREATE INDEX outbox_event_published ON outbox_event (published_at) WHERE published_at IS NOT NULL`);
    // What was handled before stays handled; open dead letters stay open (without an aggregate to park).
    await q.query(`
      INSERT INTO inbound_event (dedupe_key, event_id, subject, aggregate_key, stream_created, stream_seq, status, handled_at)
      SELECT event_id::text, event_id::text, '', 'legacy', '-infinity', 0, 'done', max(handled_at) FROM inbox_entry GROUP BY event_id`);
    await q.query(`
      INSERT INTO inbound_event (dedupe_key, event_id, subject, aggregate_key, stream_created, stream_seq, data, status, attempts, last_error, received_at, dead_at)
      SELECT 'legacy-dead-letter:' || id, event_id, subject, 'legacy-dead-letter:' || id, '-infinity', coalesce(stream_seq, 0), data, 'dead',
             attempts, reason, created_at, created_at
        FROM dead_letter WHERE replayed_at IS NULL
        ON CONFLICT (dedupe_key) DO NOTHING`);
    await q.query('DROP TABLE inbox_entry');
    await q.query('DROP TABLE dead_letter');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE inbox_entry (event_id uuid NOT NULL, handler text NOT NULL, handled_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (event_id, handler))`,
    );
    await q.query(`
      CREATE TABLE dead_letter (id bigserial PRIMARY KEY, subject text NOT NULL, stream_seq bigint, event_id text, data bytea NOT NULL,
        reason text NOT NULL, attempts int NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), replayed_at timestamptz)`);
    await q.query(`CREATE INDEX dead_letter_open ON dead_letter (created_at) WHERE replayed_at IS NULL`);
    await q.query('DROP INDEX outbox_event_published');
    await q.query('DROP TABLE inbound_event');
  }
}
