import type { EntityManager } from 'typeorm';
import type { BaseEnv } from '@alur/config';
import type { AfterCommit } from '@alur/database';
import type { NatsClients } from '../nats/nats-connection';
import { DrainPace } from './drain-pace';
import { OutboxWake } from './outbox-wake';

describe('OutboxWake', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  /** Commits run their after-commit work at once; the messages sent are counted with the time they left. */
  function wakeWith(spacingMs: number, pace = new DrainPace({ OUTBOX_DRAIN_SPACING_MS: spacingMs })) {
    const sent: number[] = [];
    const nats = { nc: { isClosed: () => false, publish: () => void sent.push(Date.now()) } } as unknown as NatsClients;
    const afterCommit = { run: (_tx: EntityManager, task: () => Promise<unknown>) => void task() } as unknown as AfterCommit;
    const wake = new OutboxWake(
      afterCommit,
      nats,
      { NATS_SUBJECT_PREFIX: 'alur', OUTBOX_DRAIN_SPACING_MS: spacingMs } as BaseEnv,
      'approvals',
      pace,
    );
    const commit = () => wake.recordedIn({} as EntityManager);
    return { wake, sent, commit };
  }

  it('wakes the service’s relays on their own subject at once after a quiet spell', () => {
    const { wake, sent, commit } = wakeWith(50);
    expect(wake.subject).toBe('outbox.alur.approvals');
    commit();
    expect(sent).toEqual([]);
    jest.advanceTimersByTime(0);
    expect(sent).toEqual([1_000_000]);
  });

  it('under a stream of commits sends at most one message per drain spacing, and one after the last commit', () => {
    const { sent, commit } = wakeWith(50);
    // A commit every 5 ms for 200 ms.
    for (let t = 0; t < 200; t += 5) {
      commit();
      jest.advanceTimersByTime(5);
    }
    const lastCommitAt = 1_000_000 + 195;
    jest.advanceTimersByTime(100);
    expect(sent.length).toBeLessThanOrEqual(1 + 200 / 50);
    for (let i = 1; i < sent.length; i++) expect(sent[i] - sent[i - 1]).toBeGreaterThanOrEqual(50);
    expect(sent[sent.length - 1]).toBeGreaterThanOrEqual(lastCommitAt);
  });

  it('sends them as often as the relays’ drain pace has come to allow when events come fast', () => {
    const pace = new DrainPace({ OUTBOX_DRAIN_SPACING_MS: 50 });
    // The relay has been draining 80 events every 10 ms: company comes in 1 ms, well within the ceiling.
    for (let i = 0; i < 20; i++) pace.drained(80, 10, 1);
    const { sent, commit } = wakeWith(50, pace);
    for (let t = 0; t < 50; t += 5) {
      commit();
      jest.advanceTimersByTime(5);
    }
    expect(sent.length).toBeGreaterThanOrEqual(9);
  });

  it('with no spacing, sends one message per turn of the event loop', () => {
    const { sent, commit } = wakeWith(0);
    commit();
    commit();
    commit();
    jest.advanceTimersByTime(0);
    expect(sent).toHaveLength(1);
  });
});
