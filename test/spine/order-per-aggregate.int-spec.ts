import request from 'supertest';
import { headers as natsHeaders, connect, NatsConnection } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { randomUUID } from 'node:crypto';
import { AuditTrail } from '@alur/audit';
import { InboundDraft, InboundEventStore } from '@alur/messaging';
import { createTestIsolation, expectEventually, removeTestResources } from '@alur/testing';
import { NoteReader } from '../fixtures/spine/spine-fixture.module';
import { RunningFixture, seenNotes, startFixture } from './spine-harness';

/**
 * Within a service, one aggregate's events take effect in the order they were committed, whatever happens:
 * whether they are handled in the transaction that stores them (the default) or stored first and handled apart.
 */
describe.each([
  ['handled on receipt', '1000'],
  ['stored, then handled', '0'],
])('events of one aggregate take effect in commit order (%s)', (_how, handleOnReceiptMs) => {
  const isolation = createTestIsolation({
    CONSUMER_MAX_ATTEMPTS: '2',
    CONSUMER_RETRY_PERIOD_MS: '0',
    CONSUMER_HANDLE_ON_RECEIPT_MS: handleOnReceiptMs,
  });
  let producer: RunningFixture;
  let consumer: RunningFixture;
  let replica: RunningFixture | undefined;
  let nc: NatsConnection;

  beforeAll(async () => {
    // The fixture's handler keeps its instructions in static state: each run of these tests starts afresh.
    for (const state of [NoteReader.failuresBeforeSuccess, NoteReader.holds, NoteReader.notReady, NoteReader.started]) state.clear();
    producer = await startFixture('proposals', isolation);
    consumer = await startFixture('approvals', isolation);
    nc = await connect({ servers: isolation.env.NATS_URL });
  });
  afterAll(async () => {
    await nc?.close();
    await replica?.close();
    await consumer?.close();
    await producer?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  const texts = async (book: string) => (await seenNotes(consumer.db)).filter((n) => n.book === book).map((n) => n.text);
  const ops = () => request(consumer.app.getHttpServer());
  const deadLetters = async () => (await ops().get('/ops/dead-letters').expect(200)).body as Array<Record<string, any>>;

  it('holds the next event of an aggregate while the one before it is retried', async () => {
    NoteReader.failuresBeforeSuccess.set('retry-1', 1);
    await producer.writer.write({ book: 'retry', seq: 1, text: 'retry-1' });
    await producer.writer.write({ book: 'retry', seq: 2, text: 'retry-2' });
    await expectEventually(async () => expect(await texts('retry')).toEqual(['retry-1', 'retry-2']));
  });

  it('lets an event wait for what it needs without spending attempts, and the next waits behind it', async () => {
    NoteReader.notReady.add('early-1');
    await producer.writer.write({ book: 'early', seq: 1, text: 'early-1' });
    await producer.writer.write({ book: 'early', seq: 2, text: 'early-2' });
    await producer.writer.write({ book: 'bystander', seq: 1, text: 'bystander-1' });
    await expectEventually(async () => expect(await texts('bystander')).toEqual(['bystander-1']));
    // Far more tries than CONSUMER_MAX_ATTEMPTS (2) went by: waiting is not failing.
    await expectEventually(async () => {
      const [row] = await consumer.db.query(
        `SELECT waits, attempts, status FROM inbound_event WHERE data IS NOT NULL AND subject LIKE '%note-recorded%' AND status = 'pending' ORDER BY stream_seq LIMIT 1`,
      );
      expect(row).toMatchObject({ attempts: 0, status: 'pending' });
      expect(row.waits).toBeGreaterThan(3);
    });
    expect(await texts('early')).toEqual([]);
    expect(await deadLetters()).toEqual([]);

    NoteReader.notReady.delete('early-1');
    await expectEventually(async () => expect(await texts('early')).toEqual(['early-1', 'early-2']));
  });

  it('parks an aggregate behind its dead letter, shows it, and goes on in order after the replay', async () => {
    NoteReader.failuresBeforeSuccess.set('parked-1', 1_000);
    await producer.writer.write({ book: 'parked', seq: 1, text: 'parked-1' });
    await producer.writer.write({ book: 'parked', seq: 2, text: 'parked-2' });
    await producer.writer.write({ book: 'parked', seq: 3, text: 'parked-3' });
    await producer.writer.write({ book: 'unparked', seq: 1, text: 'unparked-1' });

    const [letter] = await expectEventually(async () => {
      const letters = await deadLetters();
      expect(letters).toHaveLength(1);
      expect(letters[0]).toMatchObject({
        aggregateKey: 'note-book:parked',
        heldBehind: 2,
        reason: 'failed 2 times: cannot handle parked-1',
      });
      return letters;
    });
    await expectEventually(async () => expect(await texts('unparked')).toEqual(['unparked-1']));
    expect(await texts('parked')).toEqual([]);

    // Operators see it: /health stays up but degraded, with the figures.
    const health = await expectEventually(async () => {
      const body = (await ops().get('/health').expect(200)).body;
      expect(body.info.spine.state).toBe('degraded');
      return body.info.spine;
    });
    expect(health.consumer).toMatchObject({ deadLetters: 1, parkedAggregates: 1, heldBehindDeadLetters: 2 });
    expect(health.reasons.join()).toMatch(/1 dead letter/);

    NoteReader.failuresBeforeSuccess.set('parked-1', 0);
    await ops().post(`/ops/dead-letters/${letter.id}/replay`).expect(200);
    await expectEventually(async () => expect(await texts('parked')).toEqual(['parked-1', 'parked-2', 'parked-3']));
    expect(await deadLetters()).toEqual([]);
  });

  it("replays one aggregate's dead letters in stream order, and lets an operator skip one", async () => {
    const js = jetstream(nc);
    const subject = `${isolation.env.NATS_SUBJECT_PREFIX}.spine.note-recorded.v1`;
    const broken = async (text: string) => {
      const h = natsHeaders();
      h.set('Alur-Aggregate-Type', 'note-book');
      h.set('Alur-Aggregate-Id', 'broken');
      await js.publish(subject, `{"not": "an envelope", "text": "${text}"}`, { headers: h, msgID: randomUUID() });
    };
    await broken('first');
    await broken('second');
    await producer.writer.write({ book: 'broken', seq: 3, text: 'broken-3' });
    const letters = await expectEventually(async () => {
      const list = (await deadLetters()).filter((l) => l.aggregateKey === 'note-book:broken');
      expect(list).toHaveLength(2);
      expect(list[0].heldBehind).toBe(1);
      return list;
    });
    const second = await ops().post(`/ops/dead-letters/${letters[1].id}/replay`).expect(409);
    expect(second.body.message).toMatch(new RegExp(`dead letter ${letters[0].id} of the same aggregate comes first`));

    await ops().post(`/ops/dead-letters/${letters[0].id}/skip`).expect(200);
    await ops().post(`/ops/dead-letters/${letters[1].id}/skip`).expect(200);
    await expectEventually(async () => expect(await texts('broken')).toEqual(['broken-3']));
    await ops().post(`/ops/dead-letters/${letters[1].id}/replay`).expect(409);
    expect((await ops().get('/ops/dead-letters?all=true').expect(200)).body.filter((l: any) => l.skippedAt).length).toBeGreaterThanOrEqual(
      2,
    );
    // Both skips, and the replay refused out of order, are on the audit trail.
    const audit = consumer.app.get(AuditTrail);
    expect((await audit.history('dead-letter', letters[0].id)).map((r) => r.action)).toEqual(['dead-letter.skipped']);
    expect((await audit.history('dead-letter', letters[1].id)).map((r) => r.action)).toEqual([
      'dead-letter.replay-failed',
      'dead-letter.skipped',
    ]);
  });

  it('dead-letters an unknown version of an event it handles instead of dropping it', async () => {
    const subject = `${isolation.env.NATS_SUBJECT_PREFIX}.spine.note-recorded.v2`;
    await jetstream(nc).publish(subject, JSON.stringify({ from: 'a newer producer' }));
    const letter = await expectEventually(async () => {
      const found = (await deadLetters()).find((l) => l.subject === subject);
      expect(found).toBeDefined();
      return found!;
    });
    expect(letter.reason).toBe('unknown version v2 of spine.note-recorded: this service handles v1');
    await ops().post(`/ops/dead-letters/${letter.id}/skip`).expect(200);
  });

  it('keeps one aggregate in order across two replicas of the consumer', async () => {
    replica = await startFixture('approvals', isolation);
    let release!: () => void;
    NoteReader.holds.set('shared-1', new Promise<void>((resolve) => (release = resolve)));
    await producer.writer.write({ book: 'shared', seq: 1, text: 'shared-1' });
    try {
      await expectEventually(async () => expect(NoteReader.started.has('shared-1')).toBe(true));
      // While one replica holds shared-1 open, the next of its aggregate must wait; other aggregates go on.
      await producer.writer.write({ book: 'shared', seq: 2, text: 'shared-2' });
      for (let i = 1; i <= 10; i++) await producer.writer.write({ book: `other-${i}`, seq: 1, text: `other-${i}` });
      await expectEventually(async () =>
        expect((await seenNotes(consumer.db)).filter((n) => n.book.startsWith('other-'))).toHaveLength(10),
      );
      expect(NoteReader.started.has('shared-2')).toBe(false);
    } finally {
      // Also when an expectation failed: a handler held open would keep the services from stopping.
      release();
    }
    await expectEventually(async () => expect(await texts('shared')).toEqual(['shared-1', 'shared-2']));
  });

  it('takes no event before an open one of its aggregate, even one received in the same batch', async () => {
    // Stored as one received batch would store them: a valid event, a malformed one (dead on arrival) and a
    // valid one, all of one aggregate. Their stream lies in the future, so the running consumer leaves them be.
    const store = consumer.app.get(InboundEventStore);
    const streamCreated = new Date(Date.now() + 365 * 24 * 60 * 60 * 1000);
    const draft = (streamSeq: number, deadReason?: string): InboundDraft => ({
      dedupeKey: randomUUID(),
      eventId: null,
      subject: `${isolation.env.NATS_SUBJECT_PREFIX}.spine.note-recorded.v1`,
      aggregateKey: 'note-book:sandwich',
      streamCreated,
      streamSeq,
      data: Buffer.from('{}'),
      ...(deadReason ? { deadReason } : {}),
    });
    const [first, third] = await store.insert([draft(1), draft(2, 'malformed'), draft(3)]);
    expect([first?.streamSeq, third?.streamSeq]).toEqual([1, 3]);
    try {
      const claimed = await consumer.db.transaction((tx) => store.claimRuns(tx, [[first.id, third.id]]));
      expect(claimed.map((run) => run.map((event) => event.id))).toEqual([[first.id]]);
    } finally {
      await consumer.db.query(`DELETE FROM inbound_event WHERE aggregate_key = 'note-book:sandwich'`);
    }
  });
});
