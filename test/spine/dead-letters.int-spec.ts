import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { jetstream } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { AuditTrail } from '@alur/audit';
import { createTestIsolation, expectEventually, removeTestResources } from '@alur/testing';
import { NoteReader } from '../fixtures/spine/spine-fixture.module';
import { RunningFixture, seenNotes, startFixture } from './spine-harness';

describe('events a consumer cannot handle are dead-lettered, and it goes on', () => {
  const isolation = createTestIsolation({ CONSUMER_MAX_ATTEMPTS: '3', CONSUMER_RETRY_PERIOD_MS: '0' });
  const subject = `${isolation.env.NATS_SUBJECT_PREFIX}.spine.note-recorded.v1`;
  let producer: RunningFixture;
  let consumer: RunningFixture;
  let nc: NatsConnection;

  beforeAll(async () => {
    producer = await startFixture('proposals', isolation);
    consumer = await startFixture('approvals', isolation);
    nc = await connect({ servers: isolation.env.NATS_URL });
  });
  afterAll(async () => {
    await nc?.close();
    await consumer?.close();
    await producer?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  const deadLetters = async () => (await request(consumer.app.getHttpServer()).get('/ops/dead-letters').expect(200)).body;

  it('dead-letters malformed events at once and still handles the next good one', async () => {
    const js = jetstream(nc);
    await js.publish(subject, 'this is not json');
    await js.publish(
      subject,
      JSON.stringify({
        id: randomUUID(),
        type: 'spine.note-recorded',
        version: 1,
        occurredAt: new Date().toISOString(),
        aggregateType: 'note-book',
        aggregateId: 'bad',
        actor: null,
        correlationId: 'c-1234567',
        payload: { book: 'bad', seq: -1 },
      }),
    );
    await producer.writer.write({ book: 'good', seq: 1, text: 'after-the-bad-ones' });

    await expectEventually(async () => expect((await seenNotes(consumer.db)).map((n) => n.text)).toContain('after-the-bad-ones'));
    const letters = await expectEventually(async () => {
      const list = await deadLetters();
      expect(list).toHaveLength(2);
      return list;
    });
    expect(letters.map((l: { reason: string }) => l.reason).sort()).toEqual([
      expect.stringMatching(/^not JSON/),
      expect.stringMatching(/^payload: seq: .*; text: /),
    ]);
    expect(letters.every((l: { attempts: number }) => l.attempts === 1)).toBe(true);

    // Replaying a malformed event cannot succeed: the operator is told why.
    const replay = await request(consumer.app.getHttpServer()).post(`/ops/dead-letters/${letters[0].id}/replay`).expect(409);
    expect(replay.body.message).toMatch(/still cannot be handled/);
    // The attempt is on the service's audit trail, with why it failed and where the operator asked from.
    expect(await consumer.app.get(AuditTrail).history('dead-letter', letters[0].id)).toEqual([
      expect.objectContaining({
        action: 'dead-letter.replay-failed',
        actor: null,
        fromStatus: 'dead',
        toStatus: 'dead',
        after: expect.objectContaining({ failure: expect.stringMatching(/^not JSON/), address: expect.stringMatching(/127\.0\.0\.1|::1/) }),
      }),
    ]);
  });

  it('retries a failing handler with back-off, dead-letters it after the last attempt, and replays it once fixed', async () => {
    const before = (await deadLetters()).length;
    NoteReader.failuresBeforeSuccess.set('flaky', 10);
    await producer.writer.write({ book: 'flaky-book', seq: 1, text: 'flaky' });
    await producer.writer.write({ book: 'other-book', seq: 1, text: 'unaffected' });

    const letter = await expectEventually(async () => {
      const list = await deadLetters();
      expect(list).toHaveLength(before + 1);
      return list[list.length - 1]; // listed in stream order: the newest last
    });
    expect(letter.reason).toBe('failed 3 times: cannot handle flaky');
    expect(letter.attempts).toBe(3);
    // Each failed attempt rolled back its effect; the other aggregate is handled all the same (once).
    const seen = await expectEventually(async () => {
      const notes = await seenNotes(consumer.db);
      expect(notes.filter((n) => n.text === 'unaffected')).toHaveLength(1);
      return notes;
    });
    expect(seen.filter((n) => n.text === 'flaky')).toHaveLength(0);

    NoteReader.failuresBeforeSuccess.set('flaky', 0);
    await request(consumer.app.getHttpServer()).post(`/ops/dead-letters/${letter.id}/replay`).expect(200);
    expect((await seenNotes(consumer.db)).filter((n) => n.text === 'flaky')).toHaveLength(1);
    await request(consumer.app.getHttpServer()).post(`/ops/dead-letters/${letter.id}/replay`).expect(409);
    expect((await deadLetters()).find((l: { id: string }) => l.id === letter.id)).toBeUndefined();
    // One replay on the audit trail (the refused second one changed nothing, so it left nothing).
    const history = await consumer.app.get(AuditTrail).history('dead-letter', letter.id);
    expect(history.map((r) => [r.action, r.fromStatus, r.toStatus])).toEqual([['dead-letter.replayed', 'dead', 'replayed']]);
    expect(history[0].after).toMatchObject({
      eventId: letter.eventId,
      aggregateKey: 'note-book:flaky-book',
      reason: 'failed 3 times: cannot handle flaky',
    });
  });
});
