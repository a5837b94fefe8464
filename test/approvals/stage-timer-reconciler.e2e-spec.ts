import { createTestIsolation, expectEventually } from '@alur/testing';
import { RECONCILER_LOCK_KEY_SQL } from '../../apps/approvals/src/timers/stage-timer.repository';
import { ApprovalsWorld, openStageOf, useApprovalsWorld } from './approvals-harness';

describe('the stage-timer reconciler across replicas', () => {
  const isolation = createTestIsolation();
  let world: ApprovalsWorld;

  useApprovalsWorld(isolation, (started) => (world = started));

  it('skips its pass while another replica’s pass holds the lock, and runs once it is free', async () => {
    const proposal = await world.submit();
    await expectEventually(async () => expect(await openStageOf(world.db, proposal.proposalId)).toBeDefined());

    // Another replica in the middle of its pass, as far as this one can tell.
    const otherReplica = world.db.createQueryRunner();
    await otherReplica.connect();
    try {
      const [{ locked }] = await otherReplica.query(`SELECT pg_try_advisory_lock(${RECONCILER_LOCK_KEY_SQL}) AS locked`);
      expect(locked).toBe(true);
      expect(await world.reconciler.reconcile()).toEqual({ checked: 0, restored: 0, skipped: true });
      await otherReplica.query(`SELECT pg_advisory_unlock(${RECONCILER_LOCK_KEY_SQL})`);
    } finally {
      await otherReplica.release();
    }
    const pass = await world.reconciler.reconcile();
    expect(pass).toMatchObject({ skipped: false, restored: 0 });
    expect(pass.checked).toBeGreaterThanOrEqual(1);
  });

  it('does not set again the alarm of a stage closed while its pass looked at Redis', async () => {
    const proposal = await world.submit();
    await expectEventually(async () => expect(await openStageOf(world.db, proposal.proposalId)).toBeDefined());
    const stage = (await openStageOf(world.db, proposal.proposalId))!;
    // One alarm per stage, for its first timer; the deadline's and the late reminder's are set as the one before fires.
    const jobIds = [`stage_${stage.id}_reminder_before_1`];
    await expectEventually(async () => {
      for (const id of jobIds) expect(await world.queue.getJob(id)).toBeDefined();
    });
    for (const kind of ['deadline', 'reminder_after']) expect(await world.queue.getJob(`stage_${stage.id}_${kind}_1`)).toBeUndefined();

    // The pass has read the open stages; before it asks Redis, the proposal is withdrawn: the stage closes and
    // its alarm is cleared after that commit, as a decision's is.
    const asksRedis = world.scheduler.missing.bind(world.scheduler);
    jest.spyOn(world.scheduler, 'missing').mockImplementationOnce(async (alarms) => {
      await world.withdraw({ proposalId: proposal.proposalId });
      await expectEventually(async () => {
        expect(await openStageOf(world.db, proposal.proposalId)).toBeUndefined();
        for (const id of jobIds) expect(await world.queue.getJob(id)).toBeUndefined();
      });
      return asksRedis(alarms);
    });
    await world.reconciler.reconcile();

    for (const id of jobIds) expect(await world.queue.getJob(id)).toBeUndefined();
  });

  it('does not count as lost, nor set itself, the alarm of a just-opened stage whose add is on its way', async () => {
    // Redis is slow to take the new stage's alarm: the add made after its commit has not arrived yet.
    const addsAlarms = world.queue.addBulk.bind(world.queue);
    let letAddThrough!: () => void;
    const addHeld = new Promise<void>((resolve) => (letAddThrough = resolve));
    const heldAdd = jest.spyOn(world.queue, 'addBulk').mockImplementationOnce(async (jobs) => {
      await addHeld;
      return addsAlarms(jobs);
    });
    const proposal = await world.submit();
    await expectEventually(async () => expect(heldAdd).toHaveBeenCalled());
    const stage = (await openStageOf(world.db, proposal.proposalId))!;
    const jobIds = [`stage_${stage.id}_reminder_before_1`];

    const pass = await world.reconciler.reconcile();

    expect(pass).toMatchObject({ skipped: false, restored: 0 });
    for (const id of jobIds) expect(await world.queue.getJob(id)).toBeUndefined();
    letAddThrough();
    await expectEventually(async () => {
      for (const id of jobIds) expect(await world.queue.getJob(id)).toBeDefined();
    });
  });
});
