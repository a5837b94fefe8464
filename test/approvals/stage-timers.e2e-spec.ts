import { Redis } from 'ioredis';
import { createTestIsolation, expectEventually } from '@alur/testing';
import { announced, ApprovalsWorld, MANDAU, OutboxEvent, useApprovalsWorld } from './approvals-harness';

/**
 * One working day lasts 2 s: a stage of 2 working days is reminded at 2 s, escalated at 4 s and reminded again at 6 s.
 * The service's own reconciler pass comes once an hour, that is not during this file: the test runs its passes itself.
 */
const SCALED = { APPROVALS_WORKING_DAY_SECONDS: '2', APPROVALS_RECONCILE_SECONDS: '3600' };
const SHORT_CHAIN = [
  { role: 'LURAH' as const, regionLevel: 'village' as const, serviceLevelWorkingDays: 2 },
  { role: 'CAMAT' as const, regionLevel: 'district' as const, serviceLevelWorkingDays: 2 },
  { role: 'DINAS' as const, regionLevel: 'regency' as const, serviceLevelWorkingDays: 2 },
];
const TIMER_EVENTS = ['approvals.approval-reminder-due', 'approvals.approval-stage-escalated'];

/** The timer events of one stage, as `kind` strings in the order they were announced. */
function timerEventsOf(events: OutboxEvent[], stageId: string): string[] {
  return events
    .filter((e) => TIMER_EVENTS.includes(e.type) && e.payload.stageId === stageId)
    .map((e) => (e.type === 'approvals.approval-stage-escalated' ? 'ESCALATED' : e.payload.kind));
}

/** The timer events of one stage announced before its decision, and those announced after it. */
function timerEventsAroundDecision(events: OutboxEvent[], stageId: string): { before: string[]; after: string[] } {
  const decision = events.findIndex((e) => e.type === 'approvals.approval-stage-decided' && e.payload.stageId === stageId);
  expect(decision).toBeGreaterThanOrEqual(0);
  return { before: timerEventsOf(events.slice(0, decision), stageId), after: timerEventsOf(events.slice(decision + 1), stageId) };
}

describe('reminders and escalation on a scaled working-day clock', () => {
  const isolation = createTestIsolation(SCALED);
  let world: ApprovalsWorld;

  useApprovalsWorld(isolation, (started) => (world = started));

  const decide = (token: string, stageId: string) =>
    world.gateway.call('POST', `/api/v1/approvals/${stageId}/decision`, { token, body: { decision: 'APPROVE' } });

  it('reminds before the deadline, escalates at it, reminds after it, and stops once the stage is decided', async () => {
    const proposal = await world.submit({ approvalChain: SHORT_CHAIN });
    const lurahStage = await world.openStage(proposal.proposalId, 1);
    expect(lurahStage.due_at.getTime() - lurahStage.opened_at.getTime()).toBe(4000);

    await expectEventually(
      async () =>
        expect(timerEventsOf(await announced(world.db, proposal.proposalId), lurahStage.id)).toEqual([
          'BEFORE_DUE',
          'ESCALATED',
          'OVERDUE',
        ]),
      { timeoutMs: 20_000 },
    );
    const events = await announced(world.db, proposal.proposalId);
    const escalation = events.find((e) => e.type === 'approvals.approval-stage-escalated')!;
    expect(escalation.payload.escalatedTo).toEqual({ role: 'CAMAT', regionCode: MANDAU });
    const overdueInbox = await (
      await world.gateway.call('GET', '/api/v1/approvals/inbox', { token: await world.gateway.tokenOf(`lurah.${proposal.villageCode}`) })
    ).json();
    expect(overdueInbox.items.find((i: { stageId: string }) => i.stageId === lurahStage.id).overdue).toBe(true);

    // The Lurah decides late; the Camat decides after the reminder, while the stage's later alarms have yet to ring.
    expect((await decide(await world.gateway.tokenOf(`lurah.${proposal.villageCode}`), lurahStage.id)).status).toBe(200);
    const camatToken = await world.gateway.tokenOf(`camat.${MANDAU}`);
    const camatStage = await world.openStage(proposal.proposalId, 2);
    await expectEventually(
      async () => expect(timerEventsOf(await announced(world.db, proposal.proposalId), camatStage.id)).toContain('BEFORE_DUE'),
      { timeoutMs: 20_000 },
    );
    // The reminder's firing has set the stage's next alarm, its deadline's.
    await expectEventually(async () => expect(await world.queue.getJob(`stage_${camatStage.id}_deadline_1`)).toBeDefined());
    // No alarm rings while the Camat decides (however slow the machine is), so the decision comes first.
    await world.queue.pause();
    try {
      expect((await decide(camatToken, camatStage.id)).status).toBe(200);
      // The decided stage's alarm (its deadline's, set when the reminder fired) is removed once its transaction
      // has committed, just after the answer: nothing of the stage is left to ring.
      await expectEventually(async () => {
        const waiting = await world.queue.getJobs(['delayed', 'waiting', 'prioritized']);
        expect(waiting.filter((job) => job.data.stageId === camatStage.id)).toEqual([]);
      });
    } finally {
      await world.queue.resume();
    }

    // By the time the Dinas stage is escalated, the Camat's deadline and late reminder would long have come.
    const dinasStage = await world.openStage(proposal.proposalId, 3);
    await expectEventually(
      async () => expect(timerEventsOf(await announced(world.db, proposal.proposalId), dinasStage.id)).toContain('ESCALATED'),
      { timeoutMs: 20_000 },
    );
    const finalEvents = await announced(world.db, proposal.proposalId);
    // (Its late reminder may follow too, by now.)
    expect(timerEventsOf(finalEvents, dinasStage.id).slice(0, 2)).toEqual(['BEFORE_DUE', 'ESCALATED']);
    // The Camat stage rang nothing after its decision. Before it: its reminder, and (had the machine stalled two
    // seconds between seeing the reminder and pausing the queue) its deadline, but never its late reminder.
    const camat = timerEventsAroundDecision(finalEvents, camatStage.id);
    expect(camat.after).toEqual([]);
    expect([['BEFORE_DUE'], ['BEFORE_DUE', 'ESCALATED']]).toContainEqual(camat.before);
    expect(timerEventsAroundDecision(finalEvents, lurahStage.id)).toEqual({ before: ['BEFORE_DUE', 'ESCALATED', 'OVERDUE'], after: [] });
    expect(
      finalEvents.find((e) => e.type === 'approvals.approval-stage-escalated' && e.payload.stageId === dinasStage.id)!.payload.escalatedTo,
    ).toBeNull();
  });

  it('recreates the alarms Redis lost, and fires each timer exactly once (late when it came due meanwhile)', async () => {
    // Nothing rings before Redis loses the alarms, however long setting up takes: all nine timers are still to fire.
    // (BullMQ keeps the pause in the queue's meta key, which Redis loses with the rest: the queue rings again after.)
    await world.queue.pause();
    const proposals = await Promise.all([1, 2, 3].map(() => world.submit({ approvalChain: SHORT_CHAIN.slice(0, 1) })));
    const stages = await Promise.all(proposals.map((p) => world.openStage(p.proposalId, 1)));
    // One alarm per stage, for its first timer.
    const jobIds = stages.map((s) => `stage_${s.id}_reminder_before_1`);
    await expectEventually(async () => {
      for (const id of jobIds) expect(await world.queue.getJob(id)).toBeDefined();
    });

    // Redis loses this run's keys (only ours: the server is shared) while the stages are open.
    const redis = new Redis(isolation.env.REDIS_URL!);
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${isolation.id}:*`, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
    for (const id of jobIds) expect(await world.queue.getJob(id)).toBeUndefined();
    expect(await world.queue.isPaused()).toBe(false);

    // While nothing rings, the first reminders come due.
    const firstReminderAt = Math.max(...stages.map((s) => s.opened_at.getTime() + 2000));
    await expectEventually(() => expect(Date.now()).toBeGreaterThan(firstReminderAt + 200), { timeoutMs: 10_000 });
    // (The first test's last stage is still open: its lost timer is restored too.) The workers wait while it
    // runs twice: a restored alarm is due at once, and one firing between the passes sets its next alarm,
    // which the second pass could find not yet in Redis and set itself (the same job id, so harmless).
    await world.queue.pause();
    expect((await world.reconciler.reconcile()).restored).toBeGreaterThanOrEqual(3);
    for (const id of jobIds) expect(await world.queue.getJob(id)).toBeDefined();
    expect((await world.reconciler.reconcile()).restored).toBe(0);
    await world.queue.resume();

    await expectEventually(
      async () => {
        const events = await announced(world.db);
        for (const stage of stages) expect(timerEventsOf(events, stage.id)).toEqual(['BEFORE_DUE', 'ESCALATED', 'OVERDUE']);
      },
      { timeoutMs: 20_000 },
    );
    const fired = (await world.db.query(`SELECT count(*)::int AS n FROM stage_timer WHERE stage_id = ANY($1) AND fired_at IS NOT NULL`, [
      stages.map((s) => s.id),
    ])) as Array<{ n: number }>;
    expect(fired[0].n).toBe(9);
    // A reconciler pass after firing finds nothing to set again.
    expect((await world.reconciler.reconcile()).restored).toBe(0);
  });
});
