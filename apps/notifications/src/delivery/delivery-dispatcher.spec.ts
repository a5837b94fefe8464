import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { BaseEnv } from '@alur/config';
import { NOTIFICATIONS_QUEUE } from '@alur/jobs';
import { currentTraceCarrier, inSpan, startTracing, Tracing } from '@alur/observability';
import { DeliveryFailedError } from './channels/channel-sender';
import { DeliveryDispatcher, DISPATCH_WAITING_MAX, dispatchHoldMs } from './delivery-dispatcher';
import { NotificationQueue } from './notification-queue';
import { DeliverNotificationUseCase, DeliveryOutcome } from './use-cases/deliver-notification.use-case';

const as = <T>(value: unknown) => value as T;
const deliveriesNumbered = (count: number, from = 0) => Array.from({ length: count }, (_, i) => ({ id: `d${from + i}`, retryRound: 0 }));

/** A send that finishes when the test says so. */
interface PendingSend {
  id: string;
  lastAttempt: boolean;
  settle: (outcome: DeliveryOutcome | Error) => void;
}

function setUp(maxAttempts = 5) {
  const sends: PendingSend[] = [];
  const deliver = {
    execute: jest.fn(
      (id: string, lastAttempt: boolean) =>
        new Promise<DeliveryOutcome>((resolve, reject) =>
          sends.push({ id, lastAttempt, settle: (outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome)) }),
        ),
    ),
  };
  const queue = {
    enqueueDeliveries: jest.fn(async (_deliveries: Array<{ id: string; retryRound: number }>) => undefined),
    enqueueRetry: jest.fn(async (_delivery: { id: string; retryRound: number }, _attemptsLeft: number) => undefined),
  };
  const dispatcher = new DeliveryDispatcher(
    as<BaseEnv>({ NOTIFICATIONS_MAX_ATTEMPTS: maxAttempts, NOTIFICATIONS_RECONCILE_SECONDS: 30 }),
    as<DeliverNotificationUseCase>(deliver),
    as<NotificationQueue>(queue),
  );
  /** Lets the attempts' promise chains run: each settle frees a slot a turn or two later. */
  const settled = () => new Promise((resolve) => setImmediate(resolve));
  return { dispatcher, deliver, queue, sends, settled };
}

describe('DeliveryDispatcher: a new delivery’s first attempt at once, the rest on the queue', () => {
  it('attempts new deliveries at once without a job, as many at a time as the queue’s worker would', async () => {
    const { dispatcher, queue, sends, settled } = setUp();
    const slots = NOTIFICATIONS_QUEUE.concurrency;

    await dispatcher.dispatch(deliveriesNumbered(slots + 3));
    expect(sends.map((s) => s.id)).toEqual(deliveriesNumbered(slots).map((d) => d.id));
    expect(sends.every((s) => !s.lastAttempt)).toBe(true);

    // Each attempt that ends lets a waiting one start.
    sends[0].settle('sent');
    sends[1].settle('skipped');
    await settled();
    expect(sends.map((s) => s.id).slice(slots)).toEqual(['d25', 'd26']);
    for (const send of sends.slice(2)) send.settle('sent');
    await settled();
    expect(sends).toHaveLength(slots + 3);
    expect([queue.enqueueDeliveries.mock.calls, queue.enqueueRetry.mock.calls]).toEqual([[], []]);
  });

  it('hands a failed send’s remaining attempts to the queue, and a delivery whose attempt failed otherwise all of them', async () => {
    const { dispatcher, queue, sends, settled } = setUp(5);
    await dispatcher.dispatch(deliveriesNumbered(2));

    sends[0].settle(new DeliveryFailedError('SMTP 451'));
    // Its claim was not written (connection lost): the row is as it was.
    sends[1].settle(new Error('Connection terminated unexpectedly'));
    await settled();

    expect(queue.enqueueRetry).toHaveBeenCalledWith({ id: 'd0', retryRound: 0 }, 4);
    expect(queue.enqueueDeliveries).toHaveBeenCalledWith([{ id: 'd1', retryRound: 0 }]);
  });

  it('makes the only attempt the last when one is all there is, and queues nothing after it fails', async () => {
    const { dispatcher, queue, sends, settled } = setUp(1);
    await dispatcher.dispatch(deliveriesNumbered(1));

    expect(sends[0].lastAttempt).toBe(true);
    sends[0].settle(new DeliveryFailedError('SMTP 550'));
    await settled();
    expect([queue.enqueueDeliveries.mock.calls, queue.enqueueRetry.mock.calls]).toEqual([[], []]);
  });

  it('queues as jobs what would wait beyond its limit here', async () => {
    const { dispatcher, queue, sends } = setUp();
    const slots = NOTIFICATIONS_QUEUE.concurrency;

    await dispatcher.dispatch(deliveriesNumbered(slots + DISPATCH_WAITING_MAX));
    expect(queue.enqueueDeliveries).not.toHaveBeenCalled();
    await dispatcher.dispatch(deliveriesNumbered(2, slots + DISPATCH_WAITING_MAX));

    expect(sends).toHaveLength(slots);
    expect(queue.enqueueDeliveries).toHaveBeenCalledWith(deliveriesNumbered(2, slots + DISPATCH_WAITING_MAX));
  });

  it('queues as jobs the deliveries that waited for a slot longer than half a reconciler pass, oldest first', async () => {
    const { dispatcher, queue, sends, settled } = setUp();
    const slots = NOTIFICATIONS_QUEUE.concurrency;
    const hold = dispatchHoldMs({ NOTIFICATIONS_RECONCILE_SECONDS: 30 });
    expect(hold).toBe(15_000);
    const clock = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    try {
      await dispatcher.dispatch(deliveriesNumbered(slots + 2));
      clock.mockReturnValue(1_000_000 + 10_000);
      await dispatcher.dispatch(deliveriesNumbered(2, slots + 2));

      await dispatcher.queueLongWaiting(1_000_000 + hold - 1);
      expect(queue.enqueueDeliveries).not.toHaveBeenCalled();
      await dispatcher.queueLongWaiting(1_000_000 + hold);
      expect(queue.enqueueDeliveries).toHaveBeenCalledWith(deliveriesNumbered(2, slots));

      // The younger two still wait here, and take the slots that free up.
      sends[0].settle('sent');
      sends[1].settle('sent');
      await settled();
      expect(sends.map((s) => s.id).slice(slots)).toEqual(deliveriesNumbered(2, slots + 2).map((d) => d.id));
      expect(queue.enqueueDeliveries).toHaveBeenCalledTimes(1);
    } finally {
      clock.mockRestore();
    }
  });

  it('keeps the deliveries that waited too long at the front of its line when Redis cannot take them', async () => {
    const { dispatcher, queue, sends, settled } = setUp();
    const slots = NOTIFICATIONS_QUEUE.concurrency;
    await dispatcher.dispatch(deliveriesNumbered(slots + 2));
    await dispatcher.dispatch(deliveriesNumbered(1, 500));
    queue.enqueueDeliveries.mockRejectedValueOnce(new Error('Connection is closed.'));

    await dispatcher.queueLongWaiting(Date.now() + dispatchHoldMs({ NOTIFICATIONS_RECONCILE_SECONDS: 30 }));
    expect(queue.enqueueDeliveries).toHaveBeenCalledWith([...deliveriesNumbered(2, slots), ...deliveriesNumbered(1, 500)]);

    for (const send of sends.slice(0, 3)) send.settle('sent');
    await settled();
    expect(sends.map((s) => s.id).slice(slots)).toEqual(['d25', 'd26', 'd500']);
  });

  it('on shutdown queues what waits, lets the attempts under way finish, and queues what comes after', async () => {
    const { dispatcher, queue, sends, settled } = setUp();
    const slots = NOTIFICATIONS_QUEUE.concurrency;
    await dispatcher.dispatch(deliveriesNumbered(slots + 2));

    let stopped = false;
    const stopping = dispatcher.beforeApplicationShutdown().then(() => (stopped = true));
    await settled();
    expect(queue.enqueueDeliveries).toHaveBeenCalledWith(deliveriesNumbered(2, slots));
    expect(stopped).toBe(false);

    for (const send of sends) send.settle('sent');
    await stopping;
    // No attempt started after the shutdown began.
    expect(sends).toHaveLength(slots);

    await dispatcher.dispatch(deliveriesNumbered(1, 100));
    expect(queue.enqueueDeliveries).toHaveBeenLastCalledWith(deliveriesNumbered(1, 100));
    expect(sends).toHaveLength(slots);
  });
});

describe('DeliveryDispatcher, when tracing is on', () => {
  let tracing: Tracing | undefined;
  beforeAll(() => {
    tracing = startTracing('notifications', { OTEL_TRACES_SAMPLER_ARG: 1 }, [new SimpleSpanProcessor(new InMemorySpanExporter())]);
  });
  afterAll(() => tracing?.shutdown());

  it('hands a delivery that waited too long to the queue in the trace that created it, not in the timer’s', async () => {
    const { dispatcher, queue } = setUp();
    const slots = NOTIFICATIONS_QUEUE.concurrency;
    const cause = await inSpan('event approvals.approval-stage-opened.v1 handle', {}, async () => {
      await dispatcher.dispatch(deliveriesNumbered(slots + 1));
      return currentTraceCarrier();
    });
    expect(cause?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);

    await inSpan('timer', {}, () => dispatcher.queueLongWaiting(Date.now() + dispatchHoldMs({ NOTIFICATIONS_RECONCILE_SECONDS: 30 })));
    expect(queue.enqueueDeliveries).toHaveBeenCalledWith([{ ...deliveriesNumbered(1, slots)[0], cause }]);
  });
});
