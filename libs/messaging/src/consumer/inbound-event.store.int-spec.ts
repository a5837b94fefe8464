import { DataSource, EntityManager } from 'typeorm';
import type { EventEnvelope } from '@alur/contracts';
import { createTestIsolation, openTestDatabase, removeTestResources } from '@alur/testing';
import { MESSAGING_MIGRATIONS } from '../migrations/messaging-migrations';
import { hasPendingEventsOf, InboundDraft, InboundEventStore } from './inbound-event.store';

// The receipt path's one statement against the real table: what it stores, what it claims, and the limits it sets.
describe('storing received events and claiming them in one statement', () => {
  const isolation = createTestIsolation();
  const streamCreated = new Date('2026-12-01T00:00:00.000Z');
  const limits = { idleInTransactionMs: 2000, statementMs: 1000, lockMs: 300 };
  let dataSource: DataSource;
  let store: InboundEventStore;
  let seq = 0;

  const draft = (aggregate: string, extra: Partial<InboundDraft> = {}): InboundDraft => {
    seq++;
    return {
      dedupeKey: `event-${seq}`,
      eventId: `event-${seq}`,
      subject: 'alur.test.thing-happened.v1',
      aggregateKey: `thing:${aggregate}`,
      streamCreated,
      streamSeq: seq,
      data: Buffer.from(JSON.stringify({ seq })),
      ...extra,
    };
  };

  beforeAll(async () => {
    dataSource = await openTestDatabase(isolation, 'inbound', { migrations: MESSAGING_MIGRATIONS, applicationName: 'alur-inbound-test' });
    store = new InboundEventStore(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('claims the new events of aggregates with nothing open before them, and stores the rest pending', async () => {
    const [earlier] = await store.insert([draft('b')]);
    const parsedOnReceipt = { id: 'event-parsed' } as EventEnvelope;
    const batch = [draft('a', { envelope: parsedOnReceipt }), draft('a'), draft('b'), draft('c', { deadReason: 'malformed' })];

    const added = await dataSource.transaction((tx) => store.insertClaiming(tx, batch, limits));

    // The dead one is stored but not answered; b waits behind the b stored before the batch.
    expect(added.map((event) => [event.stored.aggregateKey, event.claimed?.data.toString() ?? null])).toEqual([
      ['thing:a', JSON.stringify({ seq: seq - 3 })],
      ['thing:a', JSON.stringify({ seq: seq - 2 })],
      ['thing:b', null],
    ]);
    expect(added[0].claimed).toMatchObject({ subject: 'alur.test.thing-happened.v1', attempts: 0, waits: 0, firstFailedAt: null });
    // What the receiver parsed goes on to the handler with the claim, so the event is not parsed twice.
    expect(added[0].claimed?.envelope).toBe(parsedOnReceipt);
    expect(added[1].claimed?.envelope).toBeUndefined();
    const rows = await dataSource.query(`SELECT aggregate_key, status FROM inbound_event WHERE id <> $1 ORDER BY stream_seq`, [earlier.id]);
    expect(rows).toEqual([
      { aggregate_key: 'thing:a', status: 'pending' },
      { aggregate_key: 'thing:a', status: 'pending' },
      { aggregate_key: 'thing:b', status: 'pending' },
      { aggregate_key: 'thing:c', status: 'dead' },
    ]);
  });

  it('holds an event behind one of its aggregate that the same batch stores dead, as behind one stored before', async () => {
    // A producer's malformed event and its valid successor, delivered together: the successor must not overtake it.
    const batch = [draft('f'), draft('g', { deadReason: 'malformed' }), draft('g'), draft('g'), draft('f')];

    const added = await dataSource.transaction((tx) => store.insertClaiming(tx, batch, limits));

    expect(added.map((event) => [event.stored.aggregateKey, event.claimed ? 'claimed' : 'held'])).toEqual([
      ['thing:f', 'claimed'],
      ['thing:g', 'held'],
      ['thing:g', 'held'],
      ['thing:f', 'claimed'],
    ]);
    const figures = await store.figures();
    expect(figures).toMatchObject({ deadLetters: 2, parkedAggregates: 2, heldBehindDeadLetters: 2 });
  });

  it('sets the handling transaction that a claim begins on generic plans, and only that transaction', async () => {
    const [stored] = await store.insert([draft('h')]);
    const plans = async (tx: EntityManager) => (await tx.query(`SELECT current_setting('plan_cache_mode') AS mode`))[0].mode;
    const modes = await dataSource.transaction(async (tx) => {
      const claimed = await store.claimRuns(tx, [[stored.id]]);
      return { claimed: claimed.flat().map((event) => event.id), mode: await plans(tx) };
    });
    expect(modes).toEqual({ claimed: [stored.id], mode: 'force_generic_plan' });
    const single = await dataSource.transaction(async (tx) => ({ claimed: (await store.claim(tx, stored.id))?.id, mode: await plans(tx) }));
    expect(single).toEqual({ claimed: stored.id, mode: 'force_generic_plan' });
    expect(await plans(dataSource.manager)).toBe('auto');
  });

  it('bounds its own wait for a dedupe key another transaction holds, and the transaction’s later statements, which run on generic plans', async () => {
    const held = draft('d');
    const holder = dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    try {
      await store.insert([held], holder.manager);
      // The same message, received by another replica while the first has not committed.
      await expect(dataSource.transaction((tx) => store.insertClaiming(tx, [held], limits))).rejects.toMatchObject({
        driverError: expect.objectContaining({ code: '55P03' }),
      });
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }

    const runner = dataSource.createQueryRunner();
    await runner.connect();
    const settings = () =>
      runner.query(
        `SELECT current_setting('lock_timeout') AS lock, current_setting('statement_timeout') AS statement,
                current_setting('idle_in_transaction_session_timeout') AS idle, current_setting('plan_cache_mode') AS plans`,
      );
    try {
      await runner.startTransaction();
      await store.insertClaiming(runner.manager, [draft('e')], limits);
      // The handlers' statements that follow run on generic plans, planned once per connection.
      expect(await settings()).toEqual([{ lock: '300ms', statement: '1s', idle: '2s', plans: 'force_generic_plan' }]);
      await runner.commitTransaction();
      // Local to that transaction: the connection goes back to the pool with its defaults.
      expect(await settings()).toEqual([{ lock: '0', statement: '0', idle: '0', plans: 'auto' }]);
    } finally {
      await runner.release();
    }
  });
  it('tells a handler whether events of a type are still to be handled, those a batch is handling until it commits', async () => {
    const [saved] = await store.insert([draft('x', { aggregateKey: 'person:x' })]);
    expect(await hasPendingEventsOf(dataSource.manager, 'person')).toBe(true);
    // The type is the whole of the key's first part.
    expect(await hasPendingEventsOf(dataSource.manager, 'pers')).toBe(false);

    let release!: () => void;
    let handled!: () => void;
    const batchHandled = new Promise<void>((resolve) => (handled = resolve));
    const batch = dataSource.transaction(async (tx) => {
      await tx.query(`UPDATE inbound_event SET status = 'done', handled_at = now() WHERE id = $1`, [saved.id]);
      handled();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await batchHandled;
    expect(await hasPendingEventsOf(dataSource.manager, 'person')).toBe(true);
    release();
    await batch;
    expect(await hasPendingEventsOf(dataSource.manager, 'person')).toBe(false);
  });
});
