import { ScaledWorkingClock } from '../../working-days/domain/scaled-working-clock';
import { planStageTimers } from './plan-stage-timers';
import { stageTimerJobId } from '../stage-timer-queue';

const clock = new ScaledWorkingClock(2);
const openedAt = new Date('2026-02-02T03:00:00Z');
const dueAt = clock.addWorkingDays(openedAt, 3);
const at = (seconds: number) => new Date(openedAt.getTime() + seconds * 1000);

describe('the timers of an open stage', () => {
  it('reminds before the deadline, escalates at it and reminds after it, in that order', () => {
    expect(planStageTimers(openedAt, dueAt, { beforeDueWorkingDays: 1, afterDueWorkingDays: 1 }, clock)).toEqual([
      { kind: 'REMINDER_BEFORE', fireAt: at(4) },
      { kind: 'DEADLINE', fireAt: at(6) },
      { kind: 'REMINDER_AFTER', fireAt: at(8) },
    ]);
  });

  it('leaves out a reminder the schedule sets to zero working days', () => {
    const kinds = planStageTimers(openedAt, dueAt, { beforeDueWorkingDays: 0, afterDueWorkingDays: 0 }, clock).map((t) => t.kind);
    expect(kinds).toEqual(['DEADLINE']);
  });

  it('leaves out a reminder before the deadline that would come at or before the opening', () => {
    const kinds = planStageTimers(openedAt, dueAt, { beforeDueWorkingDays: 3, afterDueWorkingDays: 2 }, clock).map((t) => t.kind);
    expect(kinds).toEqual(['DEADLINE', 'REMINDER_AFTER']);
  });

  it('names each alarm after its stage, kind and generation, without the colon BullMQ refuses', () => {
    const id = stageTimerJobId({ stageId: '0b6f3a4e-95c4-4c1e-9a52-5d0f0e6f2a11', kind: 'REMINDER_AFTER', generation: 1 });
    expect(id).toBe('stage_0b6f3a4e-95c4-4c1e-9a52-5d0f0e6f2a11_reminder_after_1');
    expect(id).not.toContain(':');
  });
});
