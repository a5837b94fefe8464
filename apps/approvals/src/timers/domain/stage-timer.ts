export const TIMER_KINDS = ['REMINDER_BEFORE', 'DEADLINE', 'REMINDER_AFTER'] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];

/** Which timer: a stage's reminder or deadline, of one planning (`generation`). */
export interface TimerKey {
  stageId: string;
  kind: TimerKind;
  generation: number;
}

/**
 * A reminder or deadline of an open stage. The database row, not Redis, is the truth: BullMQ only
 * wakes the service at `fireAt`, and `firedAt` is set in the transaction that announces the timer.
 */
export interface StageTimer extends TimerKey {
  fireAt: Date;
  firedAt: Date | null;
}

/** What the scheduler needs to set a timer's alarm. */
export type TimerAlarm = Pick<StageTimer, 'stageId' | 'kind' | 'generation' | 'fireAt'>;
