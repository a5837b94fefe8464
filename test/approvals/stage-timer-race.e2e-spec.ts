import { createTestIsolation, expectEventually } from '@alur/testing';
import { FireStageTimerUseCase, TimerOutcome } from '../../apps/approvals/src/timers/use-cases/fire-stage-timer.use-case';
import { TimerKind } from '../../apps/approvals/src/timers/domain/stage-timer';
import { announced, ApprovalsWorld, openStageOf, useApprovalsWorld, waitingOn } from './approvals-harness';

describe('a reminder or escalation racing a decision on the same stage', () => {
  const isolation = createTestIsolation();
  let world: ApprovalsWorld;

  useApprovalsWorld(isolation, (started) => (world = started));

  it.each<TimerKind>(['REMINDER_BEFORE', 'DEADLINE'])(
    'does not fire %s while the stage is being decided, and finds it closed once the decision commits',
    async (kind) => {
      const proposal = await world.submit();
      const stage = await expectEventually(async () => {
        const open = await openStageOf(world.db, proposal.proposalId);
        expect(open).toBeDefined();
        return open!;
      });
      // A decision in flight: its UPDATE holds the stage row until it commits.
      const decision = world.db.createQueryRunner();
      await decision.connect();
      await decision.startTransaction();
      let outcome: Promise<TimerOutcome> | undefined;
      try {
        await decision.query(`UPDATE approval_stage SET status = 'APPROVED', decided_at = now(), version = version + 1 WHERE id = $1`, [
          stage.id,
        ]);
        outcome = world.approvals.get(FireStageTimerUseCase).execute({ stageId: stage.id, kind, generation: 1 });
        await expectEventually(async () => expect(await waitingOn(world.db, decision)).toBe(1));
        await decision.commitTransaction();
      } finally {
        if (decision.isTransactionActive) await decision.rollbackTransaction();
        await decision.release();
      }
      expect(await outcome).toBe('stage-closed');
      const timerEvents = (await announced(world.db, proposal.proposalId)).filter((e) =>
        ['approvals.approval-reminder-due', 'approvals.approval-stage-escalated'].includes(e.type),
      );
      expect(timerEvents).toEqual([]);
      const [timer] = await world.db.query(`SELECT fired_at FROM stage_timer WHERE stage_id = $1 AND kind = $2`, [stage.id, kind]);
      expect(timer.fired_at).toBeNull();
    },
  );
});
