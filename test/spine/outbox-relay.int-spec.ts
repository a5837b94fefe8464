import { connect } from '@nats-io/transport-node';
import { APP_ENV, BaseEnv } from '@alur/config';
import { PreparingClient } from '@alur/database';
import { outboxWakeSubject } from '@alur/messaging';
import { createTestIsolation, expectEventually, removeTestResources } from '@alur/testing';
import { RunningFixture, seenNotes, startFixture, streamMessages } from './spine-harness';

/** So slow a poll that only a commit's wake-up can have moved an event within a test's wait. */
const NO_POLLING = { OUTBOX_POLL_INTERVAL_MS: String(10 * 60 * 1000) };

describe('the outbox relay', () => {
  const isolation = createTestIsolation();
  const fixtures: RunningFixture[] = [];

  afterAll(async () => {
    for (const fixture of fixtures.reverse()) await fixture.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('publishes nothing for a rolled-back transaction', async () => {
    const producer = await startFixture('proposals', isolation);
    const consumer = await startFixture('approvals', isolation);
    fixtures.push(producer, consumer);

    await expect(producer.writer.write({ book: 'rolled-back', seq: 1, text: 'never' }, { failAfterRecording: true })).rejects.toThrow(
      'the change failed',
    );
    await producer.writer.write({ book: 'committed', seq: 1, text: 'kept' });
    await expectEventually(async () => expect((await seenNotes(consumer.db)).map((n) => n.text)).toContain('kept'));

    expect(await producer.db.query(`SELECT 1 FROM note WHERE book = 'rolled-back'`)).toHaveLength(0);
    expect(await producer.db.query(`SELECT 1 FROM outbox_event WHERE aggregate_id = 'rolled-back'`)).toHaveLength(0);
    expect((await streamMessages(isolation)).map((m) => m.data.aggregateId)).toEqual(['committed']);
    expect((await seenNotes(consumer.db)).map((n) => n.book)).toEqual(['committed']);
  });

  it('with two replicas running together, publishes each event once and in order per aggregate', async () => {
    // With the first test's producer still running, three replicas of the service share one outbox.
    const replicaA = await startFixture('proposals', isolation);
    const replicaB = await startFixture('proposals', isolation);
    fixtures.push(replicaA, replicaB);
    const relays = [fixtures[0].relay, replicaA.relay, replicaB.relay];
    const publishedBefore = relays.reduce((sum, relay) => sum + relay.stats.published, 0);
    const books = Array.from({ length: 20 }, (_, i) => `replica-book-${i}`);
    const writers = [replicaA.writer, replicaB.writer];
    // Both replicas write and both relays are woken by every commit.
    await Promise.all(
      books.map(async (book, i) => {
        for (let seq = 1; seq <= 25; seq++) await writers[(i + seq) % 2].write({ book, seq, text: `${book}/${seq}` });
      }),
    );
    // Not each relay's flush: one flush can skip a partition another relay's drain holds, and that drain may
    // have begun after the other relay's own flush resolved. Every event marked published was counted first.
    await expectEventually(async () => expect((await replicaA.relay.backlog()).unpublished).toBe(0));

    const published = relays.reduce((sum, relay) => sum + relay.stats.published, 0) - publishedBefore;
    expect(published).toBe(500);
    expect(relays.reduce((sum, relay) => sum + relay.stats.duplicates, 0)).toBe(0);
    expect(relays.filter((relay) => relay.stats.published > 0).length).toBeGreaterThanOrEqual(2);

    const inStream = (await streamMessages(isolation)).filter((m) => books.includes(m.data.aggregateId));
    expect(inStream).toHaveLength(500);
    expect(new Set(inStream.map((m) => m.data.id)).size).toBe(500);
    for (const book of books) {
      const seqs = inStream.filter((m) => m.data.aggregateId === book).map((m) => m.data.payload.seq);
      expect(seqs).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    }
  });

  it('sends the changes committed soon after a drain together, in the next drain, in order', async () => {
    const spacingMs = 2000;
    const relay = await startFixture('disbursements', isolation, { env: { OUTBOX_DRAIN_SPACING_MS: String(spacingMs) } });
    fixtures.push(relay);
    const sent = () => relay.relay.stats.published;
    await relay.writer.write({ book: 'spaced', seq: 1, text: 'first' });
    await expectEventually(async () => expect(sent()).toBe(1));
    const startedAt = Date.now();
    const drainsBefore = relay.relay.stats.drains;

    // Ten commits, each waking the relay: they go out in as few drains as the spacing allows.
    for (let seq = 2; seq <= 11; seq++) await relay.writer.write({ book: 'spaced', seq, text: `note ${seq}` });
    await expectEventually(async () => expect(sent()).toBe(11));
    const drains = relay.relay.stats.drains - drainsBefore;
    const elapsedMs = Date.now() - startedAt;

    // The drains counted all started within those elapsedMs, at least spacingMs apart (ten events in two
    // seconds are too few to shorten the spacing), however slow the machine: a drain per commit (or per
    // few) would be more. Usually the ten went out in one or two.
    expect(drains).toBeLessThanOrEqual(1 + Math.floor(elapsedMs / spacingMs));
    const inStream = (await streamMessages(isolation)).filter((m) => m.data.aggregateId === 'spaced');
    expect(inStream.map((m) => m.data.payload.seq)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
  });

  it('waits less than the spacing between drains when events come fast enough to fill a drain sooner, and keeps each aggregate’s order', async () => {
    // A ceiling long enough that a loaded machine still fills a drain sooner: eight events in 1.5 s need only
    // ~6 commits a second from the four writers, and drains shorter than 1.5 s. (At 500 ms, one CI run beside
    // the replicas' e2e drained at the ceiling: its commits or drains were that slow, and the pace rightly waited.)
    const spacingMs = 1500;
    // Only this service runs in the test's process from here on: every fixture consumes every note, so the
    // earlier ones would handle these thousands too, on the same event loop, and drag the relay's drains out
    // (the pace then rightly waits as long as a drain takes, up to the ceiling).
    for (const earlier of fixtures.splice(0).reverse()) await earlier.close();
    // A service no other relay of this file drains, so that this one publishes every event.
    const relay = await startFixture('notifications', isolation, { env: { ...NO_POLLING, OUTBOX_DRAIN_SPACING_MS: String(spacingMs) } });
    const sent = () => relay.relay.stats.published;
    const drainsBefore = relay.relay.stats.drains;
    const startedAt = Date.now();
    // Four writers committing for four spacings, each to its own sixteen books in turn: many short chains of
    // one book's notes, which a drain publishes side by side, so the relay keeps up and its drains stay short.
    const books = Array.from({ length: 64 }, (_, i) => `paced-${i}`);
    const written = books.map(() => 0);
    await Promise.all(
      [0, 1, 2, 3].map(async (writer) => {
        for (let turn = 0; Date.now() - startedAt < 4 * spacingMs; turn++) {
          const book = writer * 16 + (turn % 16);
          await relay.writer.write({ book: books[book], seq: ++written[book], text: `note ${written[book]}` });
        }
      }),
    );
    const total = written.reduce((sum, n) => sum + n, 0);
    await expectEventually(async () => expect(sent()).toBe(total));
    const drains = relay.relay.stats.drains - drainsBefore;
    const elapsedMs = Date.now() - startedAt;

    await relay.close();
    // Spaced by the whole ceiling, the relay could not have drained more often than this.
    expect(drains).toBeGreaterThan(1 + Math.floor(elapsedMs / spacingMs));
    const inStream = await streamMessages(isolation);
    books.forEach((book, i) => {
      const seqs = inStream.filter((m) => m.data.aggregateId === book).map((m) => m.data.payload.seq);
      expect(seqs).toEqual(Array.from({ length: written[i] }, (_, j) => j + 1));
    });
  });

  it('announces a change committed in its transaction’s only statement, woken by that commit; one whose statement failed, never', async () => {
    // Connections that stay in the pool (no idle timeout), each warmed below: a transaction sends its only
    // statement without BEGIN once its connection has prepared BEGIN, so every write here can, whichever
    // connection the pool hands it (the relay's drains take connections too).
    const producer = await startFixture('disbursements', isolation, { env: { ...NO_POLLING, DB_POOL_IDLE_TIMEOUT_MS: '0' } });
    fixtures.push(producer);
    await openEveryConnection(producer);
    const alone = jest.spyOn(PreparingClient.prototype, 'queryAsWholeTransaction');
    const inStream = async () =>
      (await streamMessages(isolation)).filter((m) => m.data.aggregateId === 'in-one-statement').map((m) => m.data.payload.text);
    for (const seq of [1, 2, 3]) await producer.writer.writeInOneStatement({ book: 'in-one-statement', seq, text: `page ${seq}` });
    await expectEventually(async () => expect(await inStream()).toEqual(['page 1', 'page 2', 'page 3']));

    await expect(
      producer.writer.writeInOneStatement({ book: 'in-one-statement', seq: 4, text: 'never' }, { failing: true }),
    ).rejects.toThrow(/division by zero/);
    // The connection goes on, for a transaction of several statements as for another of one.
    await producer.writer.write({ book: 'in-one-statement', seq: 4, text: 'page 4' });
    await producer.writer.writeInOneStatement({ book: 'in-one-statement', seq: 5, text: 'page 5' });
    await expectEventually(async () => expect(await inStream()).toEqual(['page 1', 'page 2', 'page 3', 'page 4', 'page 5']));
    expect(await producer.db.query(`SELECT text FROM note WHERE book = 'in-one-statement' ORDER BY seq`)).toEqual(
      ['page 1', 'page 2', 'page 3', 'page 4', 'page 5'].map((text) => ({ text })),
    );
    expect(await producer.db.query(`SELECT 1 FROM outbox_event WHERE envelope->'payload'->>'text' = 'never'`)).toHaveLength(0);
    // Each one-statement write went without BEGIN and COMMIT, the failing one included; the other write did not.
    const sentAlone = alone.mock.calls.filter(([, values]) => JSON.stringify(values).includes('in-one-statement'));
    expect(sentAlone.map(([, values]) => (values as unknown[]).find((v) => typeof v === 'string' && /^(page|never)/.test(v)))).toEqual([
      'page 1',
      'page 2',
      'page 3',
      'never',
      'page 5',
    ]);
    alone.mockRestore();
  });

  it('is woken by a commit on any replica of its service, not by polling, and not by a rolled-back transaction', async () => {
    // A replica that writes but runs no relay, and one whose relay only a wake-up can start.
    const writer = await startFixture('notifications', isolation, { env: { ...NO_POLLING, OUTBOX_RELAY_ENABLED: 'false' } });
    const relay = await startFixture('notifications', isolation, { env: NO_POLLING });
    fixtures.push(writer, relay);
    const listener = await connect({ servers: isolation.env.NATS_URL });
    const wakeUps: number[] = [];
    listener.subscribe(outboxWakeSubject(isolation.env.NATS_SUBJECT_PREFIX!, 'notifications'), {
      callback: () => void wakeUps.push(Date.now()),
    });
    await listener.flush();
    try {
      await expect(
        writer.writer.write({ book: 'woken-rolled-back', seq: 1, text: 'never' }, { failAfterRecording: true }),
      ).rejects.toThrow();
      await writer.writer.write({ book: 'woken', seq: 1, text: 'by the wake-up' });
      await expectEventually(async () => expect(relay.relay.stats.published).toBe(1));

      expect(writer.relay.stats.published).toBe(0);
      expect(
        (await streamMessages(isolation)).filter((m) => m.data.aggregateId.startsWith('woken')).map((m) => m.data.payload.text),
      ).toEqual(['by the wake-up']);
      // One wake-up, the committed transaction's: the rolled-back one sent none.
      await listener.flush();
      expect(wakeUps).toHaveLength(1);
    } finally {
      await listener.close();
    }
  });
});

/**
 * Opens a transaction on every connection the fixture's pool may hold, all at once (each waits until all
 * have begun, so none is handed back for another), which prepares BEGIN on each.
 */
async function openEveryConnection(fixture: RunningFixture): Promise<void> {
  const poolSize = fixture.app.get<BaseEnv>(APP_ENV).DB_POOL_SIZE;
  let begun = 0;
  let allBegun!: () => void;
  const everyOneBegun = new Promise<void>((resolve) => (allBegun = resolve));
  await Promise.all(
    Array.from({ length: poolSize }, () =>
      fixture.db.transaction(async (tx) => {
        await tx.query('SELECT 1');
        if (++begun === poolSize) allBegun();
        await everyOneBegun;
      }),
    ),
  );
}
