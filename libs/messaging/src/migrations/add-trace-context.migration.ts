import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where a trace continues across the spine: the W3C trace context (`traceparent`, `tracestate`) of the
 * change that recorded an outbox event, and of the message that brought an inbound event. Null while
 * tracing is off, and for events stored before; the envelope, a versioned contract, is left as it is.
 */
export class AddTraceContext1765100000000 implements MigrationInterface {
  name = 'AddTraceContext1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE outbox_event ADD COLUMN trace_context jsonb');
    await q.query('ALTER TABLE inbound_event ADD COLUMN trace_context jsonb');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE inbound_event DROP COLUMN trace_context');
    await q.query('ALTER TABLE outbox_event DROP COLUMN trace_context');
  }
}
