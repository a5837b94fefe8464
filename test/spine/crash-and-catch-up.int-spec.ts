import { createTestIsolation, expectEventually, removeTestResources } from '@alur/testing';
import { RunningFixture, seenNotes, spawnFixture, startFixture, streamMessages } from './spine-harness';

describe('nothing is lost when a service dies or is down', () => {
  const isolation = createTestIsolation();
  let consumer: RunningFixture | undefined;

  afterAll(async () => {
    await consumer?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('delivers an event committed just before the producer was SIGKILLed, once it restarts', async () => {
    consumer = await startFixture('approvals', isolation);
    // With its relay held back, the producer commits the change and its outbox row but publishes nothing.
    const held = await spawnFixture('proposals', isolation, { OUTBOX_RELAY_ENABLED: 'false' });
    const response = await fetch(`${held.url}/notes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ book: 'killed', seq: 1, text: 'committed-then-killed' }),
    });
    expect(response.status).toBe(201);
    held.child.kill('SIGKILL');
    expect(await held.exited).toBe('SIGKILL');
    expect((await streamMessages(isolation)).some((m) => m.data.payload?.text === 'committed-then-killed')).toBe(false);

    const restarted = await spawnFixture('proposals', isolation);
    try {
      await expectEventually(async () =>
        expect((await seenNotes(consumer!.db)).filter((n) => n.text === 'committed-then-killed')).toHaveLength(1),
      );
    } finally {
      restarted.child.kill('SIGTERM');
      await restarted.exited;
    }
  });

  it('gives a consumer that was down everything it missed, in order per aggregate', async () => {
    await consumer!.close();
    consumer = undefined;
    const producer = await startFixture('proposals', isolation);
    try {
      const books = ['b1', 'b2', 'b3', 'b4'];
      // Interleaved writes across aggregates, each aggregate numbered 1..25.
      await Promise.all(
        books.map(async (book) => {
          for (let seq = 1; seq <= 25; seq++) await producer.writer.write({ book, seq, text: `${book}-${seq}` });
        }),
      );
      await producer.relay.flush();

      consumer = await startFixture('approvals', isolation);
      const seen = await expectEventually(async () => {
        const notes = (await seenNotes(consumer!.db)).filter((n) => books.includes(n.book));
        expect(notes).toHaveLength(100);
        return notes;
      });
      for (const book of books) {
        expect(seen.filter((n) => n.book === book).map((n) => n.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      }
    } finally {
      await producer.close();
    }
  });
});
