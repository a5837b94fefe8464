import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Idempotency-Keys of the requests a service carried out: written in the transaction of the
 * change, so a retried request (after a 504, a dropped connection) finds it and gets the first answer.
 */
export class CreateIdempotentRequests1765200000000 implements MigrationInterface {
  name = 'CreateIdempotentRequests1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotent_request (
        -- a key is the caller's: two people's keys never meet
        caller_key       text NOT NULL,
        idempotency_key  text NOT NULL,
        -- the operation (RPC pattern or route) the key was used for
        operation        text NOT NULL,
        request_hash     char(64) NOT NULL,
        -- which execution wrote the row: its own later transactions may meet it again
        execution_id     uuid NOT NULL,
        -- the answer as first given, byte for byte; null between the commit and the answer
        answer           text,
        created_at       timestamptz NOT NULL DEFAULT now(),
        answered_at      timestamptz,
        PRIMARY KEY (caller_key, idempotency_key, operation)
      )`);
    await q.query('CREATE INDEX idempotent_request_created_at ON idempotent_request (created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE idempotent_request');
  }
}
