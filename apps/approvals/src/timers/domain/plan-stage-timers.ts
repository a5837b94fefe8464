import type { ReminderSchedule } from '@alur/contracts';
import { WorkingClock } from '../../working-days/domain/working-clock';
import type { TimerKind } from './stage-timer';

export interface PlannedTimer {
  kind: TimerKind;
  fireAt: Date;
}

/**
 * The timers of a newly opened stage: a reminder `beforeDueWorkingDays` before the deadline (left
 * out when that is not after the opening, or the schedule says 0), the deadline itself (escalation),
 * and a reminder `afterDueWorkingDays` after it (left out for 0), in the order they are due.
 */
export function planStageTimers(openedAt: Date, dueAt: Date, schedule: ReminderSchedule, clock: WorkingClock): PlannedTimer[] {
  const timers: PlannedTimer[] = [];
  if (schedule.beforeDueWorkingDays > 0) {
    const fireAt = clock.subtractWorkingDays(dueAt, schedule.beforeDueWorkingDays);
    if (fireAt.getTime() > openedAt.getTime()) timers.push({ kind: 'REMINDER_BEFORE', fireAt });
  }
  timers.push({ kind: 'DEADLINE', fireAt: dueAt });
  if (schedule.afterDueWorkingDays > 0) {
    timers.push({ kind: 'REMINDER_AFTER', fireAt: clock.addWorkingDays(dueAt, schedule.afterDueWorkingDays) });
  }
  return timers;
}
