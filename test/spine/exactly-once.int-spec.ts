import { connect } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { createTestIsolation, expectEventually } from '@alur/testing';
import { consumerInfo, producerAndConsumer, seenNotes, spawnFixture, startFixture, streamMessages } from './spine-harness';

describe('an event committed by one service is handled exactly once by another', () => {
  const isolation = createTestIsolation();
  const spine = producerAndConsumer(isolation);

  it('delivers each committed event once', async () => {
    for (let seq = 1; seq <= 5; seq++) await spine.producer.writer.write({ book: 'book-a', seq, text: `a${seq}` });
    const seen = await expectEventually(async () => {
      const notes = await seenNotes(spine.consumer.db);
      expect(notes).toHaveLength(5);
      return notes;
    });
    expect(seen.map((n) => n.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('handles an event once when the relay publishes it twice', async () => {
    await spine.producer.writer.write({ book: 'book-b', seq: 1, text: 'twice' });
    await expectEventually(async () => expect((await seenNotes(spine.consumer.db)).filter((n) => n.text === 'twice')).toHaveLength(1));
    const published = spine.producer.relay.stats.published;

    // The relay publishes it again (as after a crash between publish and mark): JetStream drops it by Nats-Msg-Id.
    await spine.producer.db.query(`UPDATE outbox_event SET published_at = NULL WHERE envelope->'payload'->>'text' = 'twice'`);
    await spine.producer.relay.flush();
    expect(spine.producer.relay.stats.published).toBe(published + 1);
    expect(spine.producer.relay.stats.duplicates).toBe(1);

    // Past JetStream's duplicate window the same event arrives again; the consumer's inbox drops it.
    const [{ envelope, subject }] = await spine.producer.db.query(
      `SELECT envelope, subject FROM outbox_event WHERE envelope->'payload'->>'text' = 'twice'`,
    );
    const nc = await connect({ servers: isolation.env.NATS_URL });
    await jetstream(nc).publish(subject, JSON.stringify(envelope));
    await spine.producer.writer.write({ book: 'book-b', seq: 2, text: 'after-twice' });
    await expectEventually(async () => expect((await seenNotes(spine.consumer.db)).some((n) => n.text === 'after-twice')).toBe(true));
    await nc.close();

    expect((await streamMessages(isolation)).filter((m) => m.data.payload?.text === 'twice')).toHaveLength(2);
    expect((await seenNotes(spine.consumer.db)).filter((n) => n.text === 'twice')).toHaveLength(1);
  });

  it('handles an event once when the consumer dies after storing it but before its ack', async () => {
    await spine.consumer.close();
    const crashing = await spawnFixture('approvals', isolation, { FIXTURE_CRASH_AFTER_STORE: '1' });
    await spine.producer.writer.write({ book: 'book-c', seq: 1, text: 'crash-before-ack' });
    expect(await crashing.exited).toBe('SIGKILL');

    // JetStream redelivers the unacknowledged event after ack_wait; the stored copy drops the second one.
    spine.consumer = await startFixture('approvals', isolation);
    await spine.producer.writer.write({ book: 'book-c', seq: 2, text: 'after-crash' });
    const seen = await expectEventually(async () => {
      const notes = (await seenNotes(spine.consumer.db)).filter((n) => n.book === 'book-c');
      expect(notes.map((n) => n.text)).toEqual(['crash-before-ack', 'after-crash']);
      return notes;
    });
    expect(seen).toHaveLength(2);
    await expectEventually(
      async () => {
        const info = await consumerInfo(isolation, 'approvals');
        // More deliveries than stream messages: the crashed delivery came again, and all are now acknowledged.
        expect(info.delivered.consumer_seq).toBeGreaterThan(info.delivered.stream_seq);
        expect(info.num_ack_pending).toBe(0);
        expect(info.ack_floor.stream_seq).toBe(info.delivered.stream_seq);
      },
      { timeoutMs: 20_000 },
    );
    expect((await seenNotes(spine.consumer.db)).filter((n) => n.text === 'crash-before-ack')).toHaveLength(1);
  });

  it('handles an event once when the consumer dies right after its effect committed', async () => {
    await spine.consumer.close();
    const crashing = await spawnFixture('approvals', isolation, { FIXTURE_CRASH_AFTER_HANDLED: '1' });
    await spine.producer.writer.write({ book: 'book-d', seq: 1, text: 'crash-after-effect' });
    expect(await crashing.exited).toBe('SIGKILL');

    spine.consumer = await startFixture('approvals', isolation);
    await spine.producer.writer.write({ book: 'book-d', seq: 2, text: 'after-effect-crash' });
    await expectEventually(async () =>
      expect((await seenNotes(spine.consumer.db)).filter((n) => n.book === 'book-d').map((n) => n.text)).toEqual([
        'crash-after-effect',
        'after-effect-crash',
      ]),
    );
  });
});
