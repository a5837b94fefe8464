import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { createTestIsolation, expectEventually } from '@alur/testing';
import { consumerInfo, producerAndConsumer, seenNotes, streamMessages } from './spine-harness';

describe('a service is sent only the event types it handles, on nats-server 2.9 (one filter) as on 2.10', () => {
  const isolation = createTestIsolation();
  const spine = producerAndConsumer(isolation);

  it('handles its events while the other contexts’ events in the stream are never delivered to it', async () => {
    const nc = await connect({ servers: isolation.env.NATS_URL });
    try {
      const js = jetstream(nc);
      // Events of another context, before and between the handled ones: a well-formed envelope each.
      const other = (n: number) =>
        js.publish(
          `${isolation.env.NATS_SUBJECT_PREFIX}.elsewhere.thing-happened.v1`,
          JSON.stringify({ id: randomUUID(), type: 'elsewhere.thing-happened', version: 1, payload: { n } }),
        );
      for (let n = 1; n <= 3; n++) await other(n);
      await spine.producer.writer.write({ book: 'filtered', seq: 1, text: 'first' });
      for (let n = 4; n <= 6; n++) await other(n);
      await spine.producer.writer.write({ book: 'filtered', seq: 2, text: 'second' });
      for (let n = 7; n <= 9; n++) await other(n);
    } finally {
      await nc.close();
    }

    await expectEventually(async () => expect((await seenNotes(spine.consumer.db)).map((n) => n.text)).toEqual(['first', 'second']));
    expect(await streamMessages(isolation)).toHaveLength(11);
    // Of the stream's 11 events the consumer delivered the 2 it handles, both acknowledged, and has nothing left to send.
    await expectEventually(async () => {
      const info = await consumerInfo(isolation, 'approvals');
      expect({ delivered: info.delivered.consumer_seq, pending: info.num_pending, acked: info.ack_floor.consumer_seq }).toEqual({
        delivered: 2,
        pending: 0,
        acked: 2,
      });
    });
  });
});
