import request from 'supertest';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { createTestIsolation, expectEventually } from '@alur/testing';
import { producerAndConsumer, seenNotes } from './spine-harness';

// Recovery may wait for two missed consumer heartbeats (30 s), more than Jest's default per test here.
jest.setTimeout(120_000);

describe('the spine recreates what NATS lost and goes on', () => {
  const isolation = createTestIsolation();
  const spine = producerAndConsumer(isolation);

  const texts = async () => (await seenNotes(spine.consumer.db)).map((n) => n.text);

  it('recreates the stream and the durable consumer deleted under running services', async () => {
    await spine.producer.writer.write({ book: 'lost', seq: 1, text: 'before-the-loss' });
    await expectEventually(async () => expect(await texts()).toEqual(['before-the-loss']));

    const nc = await connect({ servers: isolation.env.NATS_URL });
    try {
      await (await jetstreamManager(nc)).streams.delete(isolation.env.NATS_STREAM!);
    } finally {
      await nc.close();
    }
    // Committed while the stream is gone: the outbox keeps it until the relay has recreated the stream.
    // The consumer notices a deletion made while no pull was waiting only after two missed heartbeats (30 s).
    await spine.producer.writer.write({ book: 'lost', seq: 2, text: 'during-the-loss' });
    await spine.producer.writer.write({ book: 'lost', seq: 3, text: 'after-the-loss' });
    await expectEventually(async () => expect(await texts()).toEqual(['before-the-loss', 'during-the-loss', 'after-the-loss']), {
      timeoutMs: 75_000,
    });
    // The relay marks its rows published once JetStream has acknowledged them: an event may be handled a moment before.
    await expectEventually(async () => {
      const [{ unpublished }] = await spine.producer.db.query(
        'SELECT count(*)::int AS unpublished FROM outbox_event WHERE published_at IS NULL',
      );
      expect(unpublished).toBe(0);
    });
    await expectEventually(async () => {
      const health = (await request(spine.consumer.app.getHttpServer()).get('/health').expect(200)).body;
      expect(health.info.spine).toMatchObject({ state: 'ok', consumer: { running: true, pending: 0 } });
    });
  });

  it('recreates a durable consumer an operator deleted, resuming after what it had stored', async () => {
    const nc = await connect({ servers: isolation.env.NATS_URL });
    try {
      await (await jetstreamManager(nc)).consumers.delete(isolation.env.NATS_STREAM!, 'approvals');
    } finally {
      await nc.close();
    }
    await spine.producer.writer.write({ book: 'lost', seq: 4, text: 'after-the-consumer-loss' });
    await expectEventually(async () => expect((await texts()).slice(-1)).toEqual(['after-the-consumer-loss']), { timeoutMs: 75_000 });
    // Nothing before it was handled a second time.
    expect(await texts()).toEqual(['before-the-loss', 'during-the-loss', 'after-the-loss', 'after-the-consumer-loss']);
  });
});
