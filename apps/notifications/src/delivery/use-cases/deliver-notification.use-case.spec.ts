import { Transactions } from '@alur/database';
import { NOTIFICATIONS_QUEUE } from '@alur/jobs';
import { DeliveryFailedError, OutgoingMessage } from '../channels/channel-sender';
import { EmailSender } from '../channels/email.sender';
import { SmsGatewaySender } from '../channels/sms-gateway.sender';
import { AttemptOutcome, ClaimedDelivery, DeliveryRepository } from '../delivery.repository';
import { DELIVERY_BATCH_WINDOW_MS, DELIVERY_OUTCOME_WINDOW_MS, DeliverNotificationUseCase } from './deliver-notification.use-case';

// The batching of claims and outcomes, against a stand-in repository that claims as the SQL does
// (queued/retrying → sending, an id asked for twice claimed once). The SQL itself is the end-to-end tests'.

const as = <T>(fake: Partial<T>) => fake as T;

class Deliveries {
  readonly status = new Map<string, string>();
  readonly statements: string[] = [];
  readonly outcomes: AttemptOutcome[] = [];
  /** Errors the next outcome statements fail with (before writing anything), one per statement. */
  readonly outcomeFailures: Error[] = [];

  async claimAll(_db: unknown, ids: readonly string[]): Promise<Array<ClaimedDelivery | null>> {
    this.statements.push(`claim ${ids.length}`);
    return ids.map((id) => {
      if (!['queued', 'retrying'].includes(this.status.get(id) ?? '')) return null;
      this.status.set(id, 'sending');
      return { id, channel: 'email', address: `${id}@desa.test`, subject: 's', body: 'b', attempts: 1 };
    });
  }

  async recordOutcomes(_db: unknown, outcomes: readonly AttemptOutcome[]): Promise<void> {
    this.statements.push(`outcomes ${outcomes.length}`);
    const failure = this.outcomeFailures.shift();
    if (failure) throw failure;
    for (const o of outcomes) this.status.set(o.id, o.outcome === 'sent' ? 'sent' : o.final ? 'failed' : 'retrying');
    this.outcomes.push(...outcomes);
  }
}

function setUp(send: (message: OutgoingMessage) => Promise<{ providerMessageId: string }>) {
  const deliveries = new Deliveries();
  const sent: string[] = [];
  const email = as<EmailSender>({
    send: async (message) => {
      // Sent only once claimed (committed, here: answered).
      expect(deliveries.status.get(message.deliveryId)).toBe('sending');
      const answer = await send(message);
      sent.push(message.deliveryId);
      return answer;
    },
  });
  const useCase = new DeliverNotificationUseCase(
    as<Transactions>({ manager: {} as never }),
    deliveries as unknown as DeliveryRepository,
    email,
    as<SmsGatewaySender>({}),
  );
  return { deliveries, sent, useCase };
}

describe('DeliverNotificationUseCase', () => {
  afterEach(() => jest.useRealTimers());

  it('claims the deliveries of jobs running together in one statement, and records their outcomes in one', async () => {
    const { deliveries, sent, useCase } = setUp(async (m) => ({ providerMessageId: `<${m.deliveryId}>` }));
    for (const id of ['a', 'b', 'c']) deliveries.status.set(id, 'queued');
    await expect(Promise.all(['a', 'b', 'c'].map((id) => useCase.execute(id, false)))).resolves.toEqual(['sent', 'sent', 'sent']);
    expect(deliveries.statements).toEqual(['claim 3', 'outcomes 3']);
    expect(sent.sort()).toEqual(['a', 'b', 'c']);
    expect([...deliveries.status.values()]).toEqual(['sent', 'sent', 'sent']);
  });

  it('sends a delivery once when two jobs for it run together, and not at all once it is sent', async () => {
    const { deliveries, sent, useCase } = setUp(async (m) => ({ providerMessageId: `<${m.deliveryId}>` }));
    deliveries.status.set('a', 'queued');
    await expect(Promise.all([useCase.execute('a', false), useCase.execute('a', false)])).resolves.toEqual(['sent', 'skipped']);
    await expect(useCase.execute('a', false)).resolves.toBe('skipped');
    expect(sent).toEqual(['a']);
  });

  it('records a failed attempt beside the others of its batch, and throws for BullMQ to retry it', async () => {
    const { deliveries, useCase } = setUp(async (m) => {
      if (m.deliveryId === 'bad') throw new DeliveryFailedError('relay refused');
      return { providerMessageId: `<${m.deliveryId}>` };
    });
    for (const id of ['ok', 'bad']) deliveries.status.set(id, 'queued');
    const results = await Promise.allSettled([useCase.execute('ok', false), useCase.execute('bad', true)]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: 'sent' });
    expect(results[1]).toMatchObject({ status: 'rejected', reason: expect.any(DeliveryFailedError) });
    expect(deliveries.statements).toEqual(['claim 2', 'outcomes 2']);
    expect(deliveries.outcomes).toEqual(
      expect.arrayContaining([{ id: 'bad', attempt: 1, outcome: 'failed', reason: 'relay refused', final: true }]),
    );
    expect(deliveries.status.get('bad')).toBe('failed');
  });

  it('does not wait for the window when every slot of the worker is waiting on a batch', async () => {
    const { deliveries, useCase } = setUp(async (m) => ({ providerMessageId: `<${m.deliveryId}>` }));
    const ids = Array.from({ length: NOTIFICATIONS_QUEUE.concurrency }, (_, i) => `d${i}`);
    for (const id of ids) deliveries.status.set(id, 'queued');
    jest.useFakeTimers();
    let done = false;
    const all = Promise.all(ids.map((id) => useCase.execute(id, false))).then(() => (done = true));
    // The clock moves less than the shorter window: only a batch run at once can have finished.
    await jest.advanceTimersByTimeAsync(DELIVERY_OUTCOME_WINDOW_MS - 1);
    expect(done).toBe(true);
    await all;
    expect(deliveries.statements).toEqual([`claim ${ids.length}`, `outcomes ${ids.length}`]);
  });

  it('claims at once, with the others of its turn, when every slot is taken: waiting the window would only hold the slots', async () => {
    const hung: Array<() => void> = [];
    const { deliveries, useCase } = setUp(
      (m) => new Promise((resolve) => hung.push(() => resolve({ providerMessageId: `<${m.deliveryId}>` }))),
    );
    const busy = Array.from({ length: NOTIFICATIONS_QUEUE.concurrency - 1 }, (_, i) => `busy${i}`);
    for (const id of [...busy, 'x', 'y']) deliveries.status.set(id, 'queued');
    jest.useFakeTimers();
    const all = busy.map((id) => useCase.execute(id, false));
    await jest.advanceTimersByTimeAsync(DELIVERY_BATCH_WINDOW_MS);
    expect(hung).toHaveLength(busy.length);

    // Two more in one turn, as when an outcome statement frees slots: every slot taken, they need not wait the window.
    all.push(useCase.execute('x', false), useCase.execute('y', false));
    await jest.advanceTimersByTimeAsync(1);
    expect(hung).toHaveLength(busy.length + 2);
    expect(deliveries.statements).toEqual([`claim ${busy.length}`, 'claim 2']);

    for (const release of hung) release();
    await jest.advanceTimersByTimeAsync(DELIVERY_OUTCOME_WINDOW_MS);
    await expect(Promise.all(all)).resolves.toEqual(Array(busy.length + 2).fill('sent'));
  });

  it('writes an outcome within its short window of the send ending, not the claims’ longer one: a delivery is `sending` hardly longer than its send', async () => {
    let sendEnded = 0;
    const { deliveries, useCase } = setUp(async (m) => {
      sendEnded = Date.now();
      return { providerMessageId: `<${m.deliveryId}>` };
    });
    let outcomeAt = 0;
    const record = deliveries.recordOutcomes.bind(deliveries);
    deliveries.recordOutcomes = async (db, outcomes) => {
      outcomeAt = Date.now();
      return record(db, outcomes);
    };
    deliveries.status.set('a', 'queued');
    jest.useFakeTimers();
    const delivered = useCase.execute('a', false);
    await jest.advanceTimersByTimeAsync(5 * DELIVERY_BATCH_WINDOW_MS);
    await expect(delivered).resolves.toBe('sent');
    // A SIGKILL in that time leaves the delivery `sending` for an operator: the window to wait in is short.
    expect(outcomeAt - sendEnded).toBe(DELIVERY_OUTCOME_WINDOW_MS);
  });

  it('writes an outcome again when its statement fails (a lost connection), rather than leaving the delivery `sending`', async () => {
    const { deliveries, useCase } = setUp(async (m) => ({ providerMessageId: `<${m.deliveryId}>` }));
    deliveries.status.set('a', 'queued');
    deliveries.status.set('b', 'queued');
    deliveries.outcomeFailures.push(new Error('Connection terminated unexpectedly'));
    await expect(Promise.all([useCase.execute('a', false), useCase.execute('b', false)])).resolves.toEqual(['sent', 'sent']);
    expect([...deliveries.status.values()]).toEqual(['sent', 'sent']);
    expect(deliveries.statements).toEqual(['claim 2', 'outcomes 2', 'outcomes 2']);
  });
});
